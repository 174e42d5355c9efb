// DecodeTensor for every dtype of tbx::DType, from tensor_content and from the
// *_val fields.
#include "src/data/tensor_decode.h"

#include <cmath>
#include <cstring>

#include "gtest/gtest.h"

// GCC 12 at -O3 reports a -Wrestrict overlap in the std::string copies that
// protobuf's add_string_val inlines here (GCC bug 105651, a false positive:
// the sizes it quotes are impossible). Silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace tbx {
namespace {

using tensorboard::TensorProto;

TensorProto WithShape(tensorboard::DataType dtype, std::vector<int64_t> dims) {
  TensorProto p;
  p.set_dtype(dtype);
  for (int64_t d : dims) p.mutable_tensor_shape()->add_dim()->set_size(d);
  return p;
}

template <typename T>
std::string Bytes(std::vector<T> values) {
  std::string s(values.size() * sizeof(T), '\0');
  std::memcpy(s.data(), values.data(), s.size());
  return s;
}

TEST(TensorDecodeTest, FloatValScalar) {
  TensorProto p = WithShape(tensorboard::DT_FLOAT, {});
  p.add_float_val(0.1f);
  auto t = DecodeTensor(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->dtype, DType::kFloat);
  EXPECT_TRUE(t->shape.empty());
  ASSERT_EQ(t->numbers.size(), 1u);
  EXPECT_EQ(t->numbers[0], static_cast<double>(0.1f));  // widened exactly
}

TEST(TensorDecodeTest, TensorContentOfEveryNumericDtype) {
  struct Case {
    tensorboard::DataType dtype;
    std::string content;
    std::vector<double> want;
  };
  std::vector<Case> cases = {
      {tensorboard::DT_FLOAT, Bytes<float>({1.5f, -2}), {1.5, -2}},
      {tensorboard::DT_DOUBLE, Bytes<double>({0.1, 1e300}), {0.1, 1e300}},
      {tensorboard::DT_INT32,
       Bytes<int32_t>({-7, 2147483647}),
       {-7, 2147483647}},
      {tensorboard::DT_UINT32,
       Bytes<uint32_t>({4294967295u, 1}),
       {4294967295.0, 1}},
      {tensorboard::DT_INT64,
       Bytes<int64_t>({-(int64_t{1} << 40), 3}),
       {-1099511627776.0, 3}},
      {tensorboard::DT_UINT64,
       Bytes<uint64_t>({uint64_t{1} << 63, 0}),
       {9223372036854775808.0, 0}},
      {tensorboard::DT_INT16, Bytes<int16_t>({-32768, 5}), {-32768, 5}},
      {tensorboard::DT_UINT16, Bytes<uint16_t>({65535, 5}), {65535, 5}},
      {tensorboard::DT_INT8, Bytes<int8_t>({-128, 127}), {-128, 127}},
      {tensorboard::DT_UINT8, Bytes<uint8_t>({255, 0}), {255, 0}},
      {tensorboard::DT_BOOL, Bytes<uint8_t>({1, 0}), {1, 0}},
      // binary16: 0x3c00 = 1.0, 0xc000 = -2.0
      {tensorboard::DT_HALF, Bytes<uint16_t>({0x3c00, 0xc000}), {1.0, -2.0}},
  };
  for (const Case& c : cases) {
    TensorProto p = WithShape(c.dtype, {2});
    p.set_tensor_content(c.content);
    auto t = DecodeTensor(p);
    ASSERT_TRUE(t.ok()) << c.dtype << ": " << t.status();
    EXPECT_EQ(static_cast<int>(t->dtype), static_cast<int>(c.dtype));
    EXPECT_EQ(t->numbers, c.want) << "dtype " << c.dtype;
  }
}

TEST(TensorDecodeTest, TypedValFields) {
  TensorProto d = WithShape(tensorboard::DT_DOUBLE, {2});
  d.add_double_val(1.25);
  d.add_double_val(-3);
  EXPECT_EQ(DecodeTensor(d)->numbers, (std::vector<double>{1.25, -3}));

  TensorProto i = WithShape(tensorboard::DT_INT8, {2});
  i.add_int_val(-5);
  i.add_int_val(6);
  EXPECT_EQ(DecodeTensor(i)->numbers, (std::vector<double>{-5, 6}));

  TensorProto l = WithShape(tensorboard::DT_INT64, {1});
  l.add_int64_val(int64_t{1} << 50);
  EXPECT_EQ(DecodeTensor(l)->numbers,
            (std::vector<double>{1125899906842624.0}));

  TensorProto u32 = WithShape(tensorboard::DT_UINT32, {1});
  u32.add_uint32_val(4000000000u);
  EXPECT_EQ(DecodeTensor(u32)->numbers, (std::vector<double>{4000000000.0}));

  TensorProto u64 = WithShape(tensorboard::DT_UINT64, {1});
  u64.add_uint64_val(uint64_t{1} << 60);
  EXPECT_EQ(DecodeTensor(u64)->numbers,
            (std::vector<double>{1152921504606846976.0}));

  TensorProto b = WithShape(tensorboard::DT_BOOL, {2});
  b.add_bool_val(true);
  b.add_bool_val(false);
  EXPECT_EQ(DecodeTensor(b)->numbers, (std::vector<double>{1, 0}));

  TensorProto h = WithShape(tensorboard::DT_HALF, {3});
  h.add_half_val(0x3555);  // 0.333251953125
  h.add_half_val(0x0001);  // smallest subnormal, 2^-24
  h.add_half_val(0x7c00);  // +inf
  auto half = DecodeTensor(h);
  EXPECT_EQ(half->numbers[0], 0.333251953125);
  EXPECT_EQ(half->numbers[1], std::ldexp(1.0, -24));
  EXPECT_TRUE(std::isinf(half->numbers[2]));
}

TEST(TensorDecodeTest, ShortValuesArePaddedWithTheLastAndEmptyMeansZeros) {
  TensorProto p = WithShape(tensorboard::DT_FLOAT, {2, 2});
  p.add_float_val(1);
  p.add_float_val(2);
  auto t = DecodeTensor(p);
  EXPECT_EQ(t->shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(t->numbers, (std::vector<double>{1, 2, 2, 2}));
  TensorProto z = WithShape(tensorboard::DT_INT32, {3});
  EXPECT_EQ(DecodeTensor(z)->numbers, (std::vector<double>{0, 0, 0}));
}

TEST(TensorDecodeTest, Strings) {
  TensorProto p = WithShape(tensorboard::DT_STRING, {3});
  p.add_string_val("4");
  p.add_string_val(std::string("\x89PNG\0x", 6));
  p.add_string_val("z");
  auto t = DecodeTensor(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->strings.size(), 3u);
  EXPECT_EQ(t->strings[1], std::string("\x89PNG\0x", 6));
  EXPECT_TRUE(t->numbers.empty());
}

TEST(TensorDecodeTest, EmptyTensorHasNoElements) {
  TensorProto p = WithShape(tensorboard::DT_FLOAT, {0, 3});
  auto t = DecodeTensor(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->num_elements(), 0);
  EXPECT_TRUE(t->numbers.empty());
}

TEST(TensorDecodeTest, BadInputIsAnError) {
  TensorProto complex = WithShape(tensorboard::DT_COMPLEX64, {1});
  EXPECT_EQ(DecodeTensor(complex).status().code(),
            absl::StatusCode::kInvalidArgument);
  TensorProto wrong_size = WithShape(tensorboard::DT_FLOAT, {3});
  wrong_size.set_tensor_content(std::string(8, '\0'));
  EXPECT_EQ(DecodeTensor(wrong_size).status().code(),
            absl::StatusCode::kInvalidArgument);
  TensorProto negative = WithShape(tensorboard::DT_FLOAT, {-1});
  EXPECT_FALSE(DecodeTensor(negative).ok());
  TensorProto huge = WithShape(tensorboard::DT_FLOAT, {1 << 20, 1 << 20});
  huge.add_float_val(1);
  EXPECT_FALSE(DecodeTensor(huge).ok());  // rejected, not allocated
}

}  // namespace
}  // namespace tbx
