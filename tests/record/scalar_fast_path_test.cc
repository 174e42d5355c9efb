// DecodeScalarEvent against Events serialized by protobuf, hand-built variants
// and bad input.
#include "src/data/scalar_fast_path.h"

#include <bit>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "proto/event.pb.h"

namespace tbx {
namespace {

tensorboard::Event
LegacyEvent() {  // what PyTorch's SummaryWriter.add_scalar writes
  tensorboard::Event event;
  event.set_wall_time(1700000000.25);
  event.set_step(42);
  auto* v = event.mutable_summary()->add_value();
  v->set_tag("loss/train");
  v->set_simple_value(0.1f);
  return event;
}

tensorboard::SummaryMetadata ScalarsMetadata() {
  tensorboard::SummaryMetadata metadata;
  metadata.mutable_plugin_data()->set_plugin_name("scalars");
  metadata.set_data_class(tensorboard::DATA_CLASS_SCALAR);
  return metadata;
}

// What tf.summary.scalar writes: a rank-0 tensor and the scalars metadata.
tensorboard::Event TensorEvent(tensorboard::DataType dtype) {
  tensorboard::Event event;
  event.set_wall_time(12.5);
  event.set_step(-3);
  auto* v = event.mutable_summary()->add_value();
  v->set_tag("acc");
  *v->mutable_metadata() = ScalarsMetadata();
  v->mutable_tensor()->set_dtype(dtype);
  v->mutable_tensor()->mutable_tensor_shape();
  if (dtype == tensorboard::DT_FLOAT) v->mutable_tensor()->add_float_val(0.75f);
  if (dtype == tensorboard::DT_DOUBLE) v->mutable_tensor()->add_double_val(0.1);
  return event;
}

std::string Varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}
std::string Key(int field, int wire_type) {
  return Varint(field << 3 | wire_type);
}
std::string Bytes(int field, const std::string& s) {
  return Key(field, 2) + Varint(s.size()) + s;
}
template <typename T>
std::string Fixed(int field, T value) {
  std::string out = Key(field, sizeof(T) == 8 ? 1 : 5);
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  return out;
}

TEST(ScalarFastPathTest, DecodesPyTorchsLegacySimpleValue) {
  const std::string record = LegacyEvent().SerializeAsString();
  ScalarEvent e;
  ASSERT_TRUE(DecodeScalarEvent(record, &e));
  EXPECT_EQ(e.wall_time, 1700000000.25);
  EXPECT_EQ(e.step, 42);
  EXPECT_EQ(e.tag, "loss/train");
  EXPECT_EQ(e.value, static_cast<double>(0.1f));
  EXPECT_FALSE(e.is_double);
  EXPECT_TRUE(e.legacy_simple_value);
  EXPECT_TRUE(e.metadata.empty());
  // Views point into the record.
  EXPECT_GE(e.tag.data(), record.data());
  EXPECT_LE(e.tag.data() + e.tag.size(), record.data() + record.size());
}

TEST(ScalarFastPathTest, DecodesFloatAndDoubleTensorsWithTheirMetadata) {
  ScalarEvent e;
  ASSERT_TRUE(DecodeScalarEvent(
      TensorEvent(tensorboard::DT_FLOAT).SerializeAsString(), &e));
  EXPECT_EQ(e.value, 0.75);
  EXPECT_FALSE(e.is_double);
  EXPECT_FALSE(e.legacy_simple_value);
  EXPECT_EQ(e.step, -3);
  EXPECT_EQ(e.wall_time, 12.5);
  EXPECT_EQ(std::string(e.metadata), ScalarsMetadata().SerializeAsString());
  ASSERT_TRUE(DecodeScalarEvent(
      TensorEvent(tensorboard::DT_DOUBLE).SerializeAsString(), &e));
  EXPECT_EQ(e.value, 0.1);
  EXPECT_TRUE(e.is_double);
}

TEST(ScalarFastPathTest, DecodesTensorContent) {
  for (auto dtype : {tensorboard::DT_FLOAT, tensorboard::DT_DOUBLE}) {
    tensorboard::Event event = TensorEvent(dtype);
    auto* tensor = event.mutable_summary()->mutable_value(0)->mutable_tensor();
    tensor->clear_float_val();
    tensor->clear_double_val();
    const float f = -2.5f;
    const double d = 1e300;
    if (dtype == tensorboard::DT_FLOAT)
      tensor->set_tensor_content(std::string((char*)&f, 4));
    if (dtype == tensorboard::DT_DOUBLE)
      tensor->set_tensor_content(std::string((char*)&d, 8));
    ScalarEvent e;
    ASSERT_TRUE(DecodeScalarEvent(event.SerializeAsString(), &e));
    EXPECT_EQ(e.value, dtype == tensorboard::DT_FLOAT ? -2.5 : 1e300);
  }
}

TEST(ScalarFastPathTest, AcceptsUnpackedRepeatedValues) {
  const std::string tensor = Key(1, 0) + Varint(1) + Fixed<float>(5, 3.5f);
  const std::string value = Bytes(1, "t") + Bytes(8, tensor);
  const std::string record = Fixed<double>(1, 2.0) + Bytes(5, Bytes(1, value));
  ScalarEvent e;
  ASSERT_TRUE(DecodeScalarEvent(record, &e));
  EXPECT_EQ(e.value, 3.5);
  EXPECT_EQ(e.wall_time, 2.0);
}

TEST(ScalarFastPathTest, ToleratesFieldOrderAndUnknownFieldsAsProtobufDoes) {
  const std::string metadata = ScalarsMetadata().SerializeAsString();
  const std::string unknown =
      Key(100, 0) + Varint(7) + Bytes(101, "zzz") + Fixed<uint32_t>(102, 1);
  const std::string tensor = unknown + Fixed<float>(5, 0.5f) + Key(1, 0) +
                             Varint(1) + Bytes(2, "") + Key(3, 0) + Varint(0);
  const std::string value = Bytes(8, tensor) + unknown + Bytes(9, metadata) +
                            Bytes(7, "node") + Bytes(1, "tag/x");
  const std::string record = unknown + Bytes(5, unknown + Bytes(1, value)) +
                             Key(2, 0) + Varint(uint64_t(-9)) +
                             Bytes(10, Bytes(1, "writer")) +
                             Fixed<double>(1, 8.0);
  tensorboard::Event parsed;
  ASSERT_TRUE(parsed.ParseFromString(record));
  ScalarEvent e;
  ASSERT_TRUE(DecodeScalarEvent(record, &e));
  EXPECT_EQ(e.wall_time, parsed.wall_time());
  EXPECT_EQ(e.step, parsed.step());
  EXPECT_EQ(e.step, -9);
  EXPECT_EQ(e.tag, parsed.summary().value(0).tag());
  EXPECT_EQ(e.value, parsed.summary().value(0).tensor().float_val(0));
  EXPECT_EQ(std::string(e.metadata), metadata);
}

TEST(ScalarFastPathTest, RejectsEverythingThatIsNotOneScalar) {
  std::vector<std::pair<const char*, tensorboard::Event>> cases;
  {
    tensorboard::Event e = LegacyEvent();
    e.mutable_summary()->add_value()->set_simple_value(1);
    cases.push_back({"two values", e});
  }
  {
    tensorboard::Event e;
    e.set_file_version("brain.Event:2");
    cases.push_back({"file_version", e});
  }
  {
    tensorboard::Event e;
    e.mutable_summary();
    cases.push_back({"empty summary", e});
  }
  {
    tensorboard::Event e = TensorEvent(tensorboard::DT_FLOAT);
    e.mutable_summary()
        ->mutable_value(0)
        ->mutable_tensor()
        ->mutable_tensor_shape()
        ->add_dim()
        ->set_size(1);
    cases.push_back({"rank 1", e});
  }
  {
    tensorboard::Event e = TensorEvent(tensorboard::DT_FLOAT);
    e.mutable_summary()->mutable_value(0)->mutable_tensor()->add_float_val(2);
    cases.push_back({"two floats", e});
  }
  {
    tensorboard::Event e = TensorEvent(tensorboard::DT_FLOAT);
    e.mutable_summary()->mutable_value(0)->mutable_tensor()->clear_float_val();
    cases.push_back({"no value", e});
  }
  {
    tensorboard::Event e = TensorEvent(tensorboard::DT_INT32);
    e.mutable_summary()->mutable_value(0)->mutable_tensor()->add_int_val(3);
    cases.push_back({"int32", e});
  }
  {
    tensorboard::Event e = TensorEvent(tensorboard::DT_STRING);
    e.mutable_summary()->mutable_value(0)->mutable_tensor()->add_string_val(
        "s");
    cases.push_back({"string", e});
  }
  {
    tensorboard::Event e = LegacyEvent();
    e.mutable_summary()->mutable_value(0)->mutable_histo()->set_num(1);
    cases.push_back({"legacy histogram", e});
  }
  {
    tensorboard::Event e = LegacyEvent();
    e.mutable_summary()->mutable_value(0)->mutable_image()->set_width(1);
    cases.push_back({"legacy image", e});
  }
  {
    tensorboard::Event e;
    e.set_step(1);
    e.mutable_session_log()->set_status(tensorboard::SessionLog::START);
    cases.push_back({"session log", e});
  }
  for (const auto& [name, event] : cases) {
    ScalarEvent out;
    EXPECT_FALSE(DecodeScalarEvent(event.SerializeAsString(), &out)) << name;
  }
  ScalarEvent out;
  EXPECT_FALSE(DecodeScalarEvent("", &out));
}

TEST(ScalarFastPathTest, EveryTruncationOfAScalarEventIsRejected) {
  for (const std::string& record :
       {LegacyEvent().SerializeAsString(),
        TensorEvent(tensorboard::DT_DOUBLE).SerializeAsString()}) {
    for (size_t n = 0; n < record.size(); ++n) {
      // A copy of exactly n bytes, so that reading past it is caught by
      // sanitizers.
      std::unique_ptr<char[]> prefix(new char[n + 1]);
      std::memcpy(prefix.get(), record.data(), n);
      ScalarEvent out;
      EXPECT_FALSE(DecodeScalarEvent(std::string_view(prefix.get(), n), &out))
          << n;
    }
  }
}

// The scalar protobuf finds in a Value the fast path accepted.
double ProtobufScalar(const tensorboard::Summary::Value& value) {
  if (value.has_simple_value()) return value.simple_value();
  const tensorboard::TensorProto& t = value.tensor();
  if (t.dtype() == tensorboard::DT_FLOAT) {
    float f = t.float_val_size() > 0 ? t.float_val(0) : 0;
    if (t.tensor_content().size() == 4)
      std::memcpy(&f, t.tensor_content().data(), 4);
    return f;
  }
  double d = t.double_val_size() > 0 ? t.double_val(0) : 0;
  if (t.tensor_content().size() == 8)
    std::memcpy(&d, t.tensor_content().data(), 8);
  return d;
}

TEST(ScalarFastPathTest, GarbageNeverDisagreesWithProtobuf) {
  std::mt19937 random(1);
  const std::string valid =
      TensorEvent(tensorboard::DT_FLOAT).SerializeAsString();
  int accepted = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string record = valid;
    for (int flips = 1 + random() % 3; flips > 0; --flips) {
      record[random() % record.size()] = static_cast<char>(random());
    }
    ScalarEvent out;
    if (!DecodeScalarEvent(record, &out)) continue;
    ++accepted;
    tensorboard::Event parsed;
    ASSERT_TRUE(parsed.ParseFromString(record))
        << absl::BytesToHexString(record);
    ASSERT_EQ(parsed.summary().value_size(), 1) << trial;
    EXPECT_EQ(out.step, parsed.step()) << trial;
    EXPECT_EQ(out.tag, parsed.summary().value(0).tag()) << trial;
    EXPECT_EQ(std::bit_cast<uint64_t>(out.wall_time),
              std::bit_cast<uint64_t>(parsed.wall_time()))
        << trial;
    EXPECT_EQ(
        std::bit_cast<uint64_t>(out.value),
        std::bit_cast<uint64_t>(ProtobufScalar(parsed.summary().value(0))))
        << trial;
  }
  // Some mutations (e.g. of the value's bytes) leave a scalar event.
  EXPECT_GT(accepted, 0);
}

TEST(ScalarFastPathTest, RejectsATagThatIsNotUtf8AsProtobufDoes) {
  tensorboard::Event event = LegacyEvent();
  event.mutable_summary()->mutable_value(0)->set_tag("ok");
  std::string record = event.SerializeAsString();
  const size_t at = record.find("ok");
  ASSERT_NE(at, std::string::npos);
  ScalarEvent out;
  ASSERT_TRUE(DecodeScalarEvent(record, &out));
  record[at] = '\xc3';  // a lead byte without its continuation
  EXPECT_FALSE(DecodeScalarEvent(record, &out));
  tensorboard::Event parsed;
  EXPECT_FALSE(parsed.ParseFromString(record));
  record[at + 1] = '\xa9';  // now "é": valid
  EXPECT_TRUE(DecodeScalarEvent(record, &out));
  EXPECT_EQ(out.tag, "\xc3\xa9");
}

// Field-by-field equality of two decodes, bit-exact for the numbers.
void ExpectSameDecode(const ScalarEvent& a, const ScalarEvent& b,
                      const std::string& what) {
  EXPECT_EQ(std::bit_cast<uint64_t>(a.wall_time),
            std::bit_cast<uint64_t>(b.wall_time))
      << what;
  EXPECT_EQ(a.step, b.step) << what;
  EXPECT_EQ(a.tag, b.tag) << what;
  EXPECT_EQ(std::bit_cast<uint64_t>(a.value), std::bit_cast<uint64_t>(b.value))
      << what;
  EXPECT_EQ(a.is_double, b.is_double) << what;
  EXPECT_EQ(a.legacy_simple_value, b.legacy_simple_value) << what;
  EXPECT_EQ(a.metadata, b.metadata) << what;
}

TEST(ScalarFastPathTest, CanonicalPathTakesWhatWritersWrite) {
  std::vector<std::pair<std::string, tensorboard::Event>> written = {
      {"legacy", LegacyEvent()},
      {"float tensor", TensorEvent(tensorboard::DT_FLOAT)},
      {"double tensor", TensorEvent(tensorboard::DT_DOUBLE)}};
  tensorboard::Event step0 = LegacyEvent();
  step0.set_step(0);  // proto3 leaves the field out
  written.push_back({"step 0", step0});
  tensorboard::Event huge = LegacyEvent();
  huge.set_step(std::numeric_limits<int64_t>::min());  // a 10-byte varint
  written.push_back({"lowest step", huge});
  tensorboard::Event no_metadata = TensorEvent(tensorboard::DT_FLOAT);
  no_metadata.mutable_summary()->mutable_value(0)->clear_metadata();
  written.push_back({"tensor without metadata", no_metadata});
  tensorboard::Event content = TensorEvent(tensorboard::DT_FLOAT);
  content.mutable_summary()
      ->mutable_value(0)
      ->mutable_tensor()
      ->clear_float_val();
  const float f = -0.0f;
  content.mutable_summary()
      ->mutable_value(0)
      ->mutable_tensor()
      ->set_tensor_content(std::string(reinterpret_cast<const char*>(&f), 4));
  written.push_back({"tensor_content", content});
  tensorboard::Event long_tag = LegacyEvent();
  long_tag.mutable_summary()->mutable_value(0)->set_tag(std::string(300, 'x'));
  written.push_back({"300-byte tag (2-byte lengths)", long_tag});
  for (const auto& [name, event] : written) {
    const std::string record = event.SerializeAsString();
    ScalarEvent canonical, general;
    ASSERT_TRUE(DecodeCanonicalScalarEvent(record, &canonical)) << name;
    ASSERT_TRUE(DecodeScalarEventAnyLayout(record, &general)) << name;
    ExpectSameDecode(canonical, general, name);
    EXPECT_EQ(canonical.step, event.step()) << name;
    EXPECT_EQ(canonical.tag, event.summary().value(0).tag()) << name;
  }
}

TEST(ScalarFastPathTest, CanonicalPathLeavesOtherLayoutsToTheGeneralWalk) {
  const std::string value = Bytes(1, "t") + Fixed<float>(2, 1.5f);
  const std::string wall = Fixed<double>(1, 3.0);
  const std::string step = Key(2, 0) + Varint(7);
  const std::string unknown = Key(100, 0) + Varint(1);
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"step before wall_time", step + wall + Bytes(5, Bytes(1, value))},
      {"summary before step", wall + Bytes(5, Bytes(1, value)) + step},
      {"unknown field in the event",
       wall + step + unknown + Bytes(5, Bytes(1, value))},
      {"unknown field in the value",
       wall + step + Bytes(5, Bytes(1, value + unknown))},
      {"simple_value before tag",
       wall + step + Bytes(5, Bytes(1, Fixed<float>(2, 1.5f) + Bytes(1, "t")))},
      {"metadata before tensor",
       wall + step +
           Bytes(5,
                 Bytes(1, Bytes(1, "t") +
                              Bytes(9, ScalarsMetadata().SerializeAsString()) +
                              Bytes(8, Key(1, 0) + Varint(1) +
                                           Fixed<float>(5, 2.0f))))},
      {"no wall_time (0)", step + Bytes(5, Bytes(1, value))},
      {"two-byte summary key", wall + step + std::string("\xaa\x00", 2) +
                                   Varint(value.size() + 2) + Bytes(1, value)},
  };
  for (const auto& [name, record] : cases) {
    ScalarEvent canonical, general;
    EXPECT_FALSE(DecodeCanonicalScalarEvent(record, &canonical)) << name;
    tensorboard::Event parsed;
    const bool protobuf_ok = parsed.ParseFromString(record);
    ASSERT_EQ(DecodeScalarEventAnyLayout(record, &general), protobuf_ok)
        << name;
    ScalarEvent combined;
    EXPECT_EQ(DecodeScalarEvent(record, &combined), protobuf_ok) << name;
    if (protobuf_ok) {
      ExpectSameDecode(combined, general, name);
      EXPECT_EQ(general.step, parsed.step()) << name;
      EXPECT_EQ(general.tag, parsed.summary().value(0).tag()) << name;
    }
  }
}

TEST(ScalarFastPathTest, CanonicalAndGeneralPathsAgreeOnMutatedEvents) {
  std::mt19937 random(7);
  const std::string seeds[] = {
      LegacyEvent().SerializeAsString(),
      TensorEvent(tensorboard::DT_FLOAT).SerializeAsString(),
      TensorEvent(tensorboard::DT_DOUBLE).SerializeAsString()};
  int canonical_accepted = 0;
  for (int trial = 0; trial < 30000; ++trial) {
    std::string record = seeds[trial % 3];
    for (int flips = 1 + random() % 2; flips > 0; --flips) {
      record[random() % record.size()] = static_cast<char>(random());
    }
    if (random() % 4 == 0) record.resize(random() % (record.size() + 1));
    ScalarEvent canonical, general;
    if (!DecodeCanonicalScalarEvent(record, &canonical)) continue;
    ++canonical_accepted;
    ASSERT_TRUE(DecodeScalarEventAnyLayout(record, &general))
        << absl::BytesToHexString(record);
    ExpectSameDecode(canonical, general, absl::BytesToHexString(record));
    tensorboard::Event parsed;
    ASSERT_TRUE(parsed.ParseFromString(record))
        << absl::BytesToHexString(record);
    EXPECT_EQ(canonical.step, parsed.step());
  }
  EXPECT_GT(canonical_accepted, 1000);
}

}  // namespace
}  // namespace tbx
