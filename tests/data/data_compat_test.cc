// data_compat and dataclass_compat, rule by rule (API.md "Legacy-to-tensor
// migration").
#include "src/data/data_compat.h"

#include "gtest/gtest.h"
#include "src/data/tensor_decode.h"

namespace tbx {
namespace {

using tensorboard::Event;
using tensorboard::Summary;

std::vector<MigratedValue> Migrate(Event event,
                                   InitialMetadataMap* initial = nullptr) {
  InitialMetadataMap local;
  std::vector<MigratedValue> out;
  MigrateEvent(&event, initial != nullptr ? initial : &local, &out);
  return out;
}

Tensor Decoded(const MigratedValue& v) {
  auto t = DecodeTensor(v.value.tensor());
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : Tensor{};
}

TEST(DataCompatTest, SimpleValueBecomesFloatScalarWithTagAsDisplayName) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("loss");
  v->set_simple_value(0.25f);
  v->mutable_metadata()->set_summary_description("the loss");
  auto out = Migrate(e);
  ASSERT_EQ(out.size(), 1u);
  const auto& m = out[0].value.metadata();
  EXPECT_EQ(m.plugin_data().plugin_name(), "scalars");
  EXPECT_EQ(m.display_name(), "loss");
  EXPECT_EQ(m.summary_description(), "the loss");
  EXPECT_EQ(m.data_class(), tensorboard::DATA_CLASS_SCALAR);
  Tensor t = Decoded(out[0]);
  EXPECT_EQ(t.dtype, DType::kFloat);
  EXPECT_TRUE(t.shape.empty());
  EXPECT_EQ(t.numbers, (std::vector<double>{0.25}));
}

TEST(DataCompatTest, ExistingDisplayNameIsKept) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("loss");
  v->set_simple_value(1);
  v->mutable_metadata()->set_display_name("Loss!");
  EXPECT_EQ(Migrate(e)[0].value.metadata().display_name(), "Loss!");
}

TEST(DataCompatTest, HistoTrimsEmptyEndBucketsAndUsesMinMaxAsOuterEdges) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("w");
  auto* h = v->mutable_histo();
  h->set_min(-0.5);
  h->set_max(2.5);
  for (double limit : {-1.0, 0.0, 1.0, 2.0, 3.0}) h->add_bucket_limit(limit);
  for (double count : {0.0, 4.0, 0.0, 6.0, 0.0}) h->add_bucket(count);
  auto out = Migrate(e);
  EXPECT_EQ(out[0].value.metadata().plugin_data().plugin_name(), "histograms");
  EXPECT_EQ(out[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_TENSOR);
  Tensor t = Decoded(out[0]);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{3, 3}));
  // Rows [left, right, count]: buckets 1..3 kept; left of first = min, right of
  // last = max.
  EXPECT_EQ(t.numbers, (std::vector<double>{-0.5, 0, 4, 0, 1, 0, 1, 2.5, 6}));
}

TEST(DataCompatTest, AllEmptyHistoIsZeroByThree) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("w");
  v->mutable_histo()->add_bucket_limit(1);
  v->mutable_histo()->add_bucket(0);
  Tensor t = Decoded(Migrate(e)[0]);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{0, 3}));
  EXPECT_TRUE(t.numbers.empty());
}

TEST(DataCompatTest, ImageBecomesWidthHeightPng) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("img");
  v->mutable_image()->set_width(640);
  v->mutable_image()->set_height(480);
  v->mutable_image()->set_encoded_image_string("PNGDATA");
  auto out = Migrate(e);
  EXPECT_EQ(out[0].value.metadata().plugin_data().plugin_name(), "images");
  EXPECT_EQ(out[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_BLOB_SEQUENCE);
  Tensor t = Decoded(out[0]);
  EXPECT_EQ(t.strings, (std::vector<std::string>{"640", "480", "PNGDATA"}));
}

TEST(DataCompatTest, AudioBecomesClipsOnlyAfterDataClassProjection) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("sound");
  v->mutable_audio()->set_encoded_audio_string("RIFF");
  v->mutable_audio()->set_content_type("audio/wav");
  auto out = Migrate(e);
  EXPECT_EQ(out[0].value.metadata().plugin_data().plugin_name(), "audio");
  EXPECT_EQ(out[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_BLOB_SEQUENCE);
  // [[clip, ""]] projected to its first column.
  Tensor t = Decoded(out[0]);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{1}));
  EXPECT_EQ(t.strings, (std::vector<std::string>{"RIFF"}));
  EXPECT_EQ(out[0].blob_stride, 2);
}

TEST(DataCompatTest, ValueWithoutPayloadHoldsNoTensor) {
  Event e;
  e.mutable_summary()->add_value()->set_tag("video");
  auto out = Migrate(e);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].has_tensor);
}

TEST(DataCompatTest, DataClassComesFromTheTagsFirstMetadataInTheFile) {
  InitialMetadataMap initial;
  Event first;
  auto* v = first.mutable_summary()->add_value();
  v->set_tag("t");
  v->mutable_metadata()->mutable_plugin_data()->set_plugin_name("text");
  v->mutable_tensor()->set_dtype(tensorboard::DT_STRING);
  v->mutable_tensor()->add_string_val("hi");
  EXPECT_EQ(Migrate(first, &initial)[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_TENSOR);
  // A later value of the tag with other metadata is judged by the first one.
  Event later = first;
  later.mutable_summary()
      ->mutable_value(0)
      ->mutable_metadata()
      ->mutable_plugin_data()
      ->set_plugin_name("images");
  EXPECT_EQ(Migrate(later, &initial)[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_TENSOR);
}

TEST(DataCompatTest, ExistingDataClassIsLeftAlone) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("a");
  v->mutable_metadata()->mutable_plugin_data()->set_plugin_name("audio");
  v->mutable_metadata()->set_data_class(tensorboard::DATA_CLASS_TENSOR);
  v->mutable_tensor()->set_dtype(tensorboard::DT_STRING);
  v->mutable_tensor()->mutable_tensor_shape()->add_dim()->set_size(1);
  v->mutable_tensor()->mutable_tensor_shape()->add_dim()->set_size(2);
  v->mutable_tensor()->add_string_val("clip");
  v->mutable_tensor()->add_string_val("label");
  auto out = Migrate(e);
  EXPECT_EQ(out[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_TENSOR);
  EXPECT_EQ(Decoded(out[0]).strings.size(), 2u);  // no projection
}

TEST(DataCompatTest, DataClassByPluginName) {
  struct Case {
    const char* plugin;
    tensorboard::DataClass want;
  };
  for (const Case& c : std::vector<Case>{
           {"scalars", tensorboard::DATA_CLASS_SCALAR},
           {"histograms", tensorboard::DATA_CLASS_TENSOR},
           {"text", tensorboard::DATA_CLASS_TENSOR},
           {"pr_curves", tensorboard::DATA_CLASS_TENSOR},
           {"mesh", tensorboard::DATA_CLASS_TENSOR},
           {"custom_scalars", tensorboard::DATA_CLASS_TENSOR},
           {"images", tensorboard::DATA_CLASS_BLOB_SEQUENCE},
           {"graph_run_metadata", tensorboard::DATA_CLASS_BLOB_SEQUENCE},
           {"graph_keras_model", tensorboard::DATA_CLASS_BLOB_SEQUENCE},
           {"someone_elses", tensorboard::DATA_CLASS_UNKNOWN}}) {
    Event e;
    auto* v = e.mutable_summary()->add_value();
    v->set_tag("x");
    v->mutable_metadata()->mutable_plugin_data()->set_plugin_name(c.plugin);
    v->mutable_tensor()->set_dtype(tensorboard::DT_FLOAT);
    v->mutable_tensor()->add_float_val(1);
    EXPECT_EQ(Migrate(e)[0].value.metadata().data_class(), c.want) << c.plugin;
  }
}

TEST(DataCompatTest, HparamsWithoutTensorGetAnEmptyOne) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("_hparams_/experiment");
  v->mutable_metadata()->mutable_plugin_data()->set_plugin_name("hparams");
  auto out = Migrate(e);
  ASSERT_TRUE(out[0].has_tensor);
  Tensor t = Decoded(out[0]);
  EXPECT_EQ(t.dtype, DType::kFloat);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{0}));
}

TEST(DataCompatTest, GraphSubPluginScalarStringGetsRankOne) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("keras");
  v->mutable_metadata()->mutable_plugin_data()->set_plugin_name(
      "graph_keras_model");
  v->mutable_tensor()->set_dtype(tensorboard::DT_STRING);
  v->mutable_tensor()->add_string_val("{}");
  EXPECT_EQ(Decoded(Migrate(e)[0]).shape, (std::vector<int64_t>{1}));
}

TEST(DataCompatTest, GraphDefBecomesRunGraphBlob) {
  Event e;
  e.set_step(3);
  e.set_graph_def("GRAPH");
  std::vector<MigratedValue> out;
  InitialMetadataMap initial;
  EXPECT_TRUE(MigrateEvent(&e, &initial, &out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value.tag(), "__run_graph__");
  EXPECT_EQ(out[0].value.metadata().plugin_data().plugin_name(), "graphs");
  EXPECT_EQ(out[0].value.metadata().data_class(),
            tensorboard::DATA_CLASS_BLOB_SEQUENCE);
  EXPECT_EQ(Decoded(out[0]).strings, (std::vector<std::string>{"GRAPH"}));
}

TEST(DataCompatTest, TaggedRunMetadataBecomesATensorUnderItsTag) {
  Event e;
  e.mutable_tagged_run_metadata()->set_tag("step1");
  e.mutable_tagged_run_metadata()->set_run_metadata("RM");
  auto out = Migrate(e);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value.tag(), "step1");
  EXPECT_EQ(out[0].value.metadata().plugin_data().plugin_name(),
            "graph_tagged_run_metadata");
  EXPECT_EQ(Decoded(out[0]).strings, (std::vector<std::string>{"RM"}));
}

TEST(DataCompatTest, OtherEventsAreNotSummaries) {
  Event e;
  e.set_file_version("brain.Event:2");
  std::vector<MigratedValue> out;
  InitialMetadataMap initial;
  EXPECT_FALSE(MigrateEvent(&e, &initial, &out));
  EXPECT_TRUE(out.empty());
}

TEST(DataCompatTest, ExtractBlobRereadsLegacyAndProjectedValues) {
  Event e;
  auto* v = e.mutable_summary()->add_value();
  v->set_tag("sound");
  v->mutable_audio()->set_encoded_audio_string("RIFF");
  EXPECT_EQ(*ExtractBlob(e, 0, /*stride=*/2, 0), "RIFF");
  EXPECT_FALSE(ExtractBlob(e, 0, 2, 1).ok());
  EXPECT_FALSE(ExtractBlob(e, 5, 1, 0).ok());
  Event g;
  g.set_graph_def("G");
  EXPECT_EQ(*ExtractBlob(g, 0, 1, 0), "G");
}

}  // namespace
}  // namespace tbx
