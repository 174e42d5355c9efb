// The synthetic transformer graph; see synthetic_graph.h.
#include "tools/synthetic_graph.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tbx::tools {
namespace {

constexpr int kOpsPerHead = 10;
constexpr int kFixedOpsPerBlock = 22;

class GraphBuilder {
 public:
  // Adds an op; returns its name.
  std::string Op(const std::string& name, const std::string& op,
                 const std::vector<std::string>& inputs,
                 const std::vector<int64_t>& shape) {
    tensorboard::NodeDef* node = graph_.add_node();
    node->set_name(name);
    node->set_op(op);
    for (const std::string& input : inputs) node->add_input(input);
    if (!shape.empty()) {
      auto* dims =
          (*node->mutable_attr())["_output_shapes"].mutable_list()->add_shape();
      for (int64_t d : shape) dims->add_dim()->set_size(d);
    }
    (*node->mutable_attr())["attr"].set_s("{}");
    return name;
  }

  // A torch Linear: weight and bias attributes and the aten::linear op.
  std::string Linear(const std::string& scope, const std::string& input,
                     const std::vector<int64_t>& shape) {
    const std::string weight =
        Op(scope + "/weight/weight", "prim::GetAttr", {}, {});
    const std::string bias = Op(scope + "/bias/bias", "prim::GetAttr", {}, {});
    return Op(scope + "/aten::linear", "aten::linear", {input, weight, bias},
              shape);
  }

  std::string LayerNorm(const std::string& scope, const std::string& input,
                        const std::vector<int64_t>& shape) {
    const std::string weight =
        Op(scope + "/weight/weight", "prim::GetAttr", {}, {});
    const std::string bias = Op(scope + "/bias/bias", "prim::GetAttr", {}, {});
    return Op(scope + "/aten::layer_norm", "aten::layer_norm",
              {input, weight, bias}, shape);
  }

  tensorboard::GraphDef& graph() { return graph_; }

 private:
  tensorboard::GraphDef graph_;
};

// "aa", "ab", … : names without digits, so they never form a series.
std::string Letters(int i) {
  std::string text;
  for (int k = 0; k < 3; ++k) {
    text.insert(text.begin(), static_cast<char>('a' + i % 26));
    i /= 26;
  }
  return text;
}

}  // namespace

tensorboard::GraphDef TransformerGraph(int blocks, int heads) {
  GraphBuilder b;
  const int64_t batch = 8, seq = 128, hidden = 64 * heads;
  const std::vector<int64_t> act = {batch, seq, hidden};
  std::string x = b.Op("input/x", "IO Node", {}, {batch, seq});
  std::vector<std::string> parts;
  for (int i = 0; i < kEmbeddingOps; ++i) {
    parts.push_back(
        b.Op("Transformer/Embedding[embed]/aten::gather_" + Letters(i),
             i % 2 == 0 ? "aten::gather" : "aten::index_select", {x},
             {batch, seq, hidden / 8}));
  }
  x = b.Op("Transformer/Embedding[embed]/aten::cat", "aten::cat", parts, act);
  for (int block = 0; block < blocks; ++block) {
    const std::string p =
        absl::StrCat("Transformer/ModuleList[blocks]/Block[", block, "]");
    const std::string ln1 = b.LayerNorm(p + "/LayerNorm[ln1]", x, act);
    const std::string qkv = b.Linear(p + "/Attention[attn]/Linear[qkv]", ln1,
                                     {batch, seq, 3 * hidden});
    std::vector<std::string> head_outputs;
    for (int h = 0; h < heads; ++h) {
      const std::string s = absl::StrCat(p, "/Attention[attn]/Head[", h, "]/");
      const std::vector<int64_t> hs = {batch, seq, 64};
      const std::string q = b.Op(s + "aten::slice_q", "aten::slice", {qkv}, hs);
      const std::string k = b.Op(s + "aten::slice_k", "aten::slice", {qkv}, hs);
      const std::string v = b.Op(s + "aten::slice_v", "aten::slice", {qkv}, hs);
      const std::string kt =
          b.Op(s + "aten::transpose", "aten::transpose", {k}, {batch, 64, seq});
      const std::string scores =
          b.Op(s + "aten::matmul", "aten::matmul", {q, kt}, {batch, seq, seq});
      const std::string scaled =
          b.Op(s + "aten::div", "aten::div", {scores}, {batch, seq, seq});
      const std::string probs = b.Op(s + "aten::softmax", "aten::softmax",
                                     {scaled}, {batch, seq, seq});
      const std::string dropped = b.Op(s + "aten::dropout", "aten::dropout",
                                       {probs}, {batch, seq, seq});
      const std::string out =
          b.Op(s + "aten::matmul_v", "aten::matmul", {dropped, v}, hs);
      head_outputs.push_back(
          b.Op(s + "aten::contiguous", "aten::contiguous", {out}, hs));
    }
    const std::string cat =
        b.Op(p + "/Attention[attn]/aten::cat", "aten::cat", head_outputs, act);
    const std::string proj =
        b.Linear(p + "/Attention[attn]/Linear[proj]", cat, act);
    const std::string res1 =
        b.Op(p + "/aten::add", "aten::add", {x, proj}, act);
    const std::string ln2 = b.LayerNorm(p + "/LayerNorm[ln2]", res1, act);
    const std::string fc1 =
        b.Linear(p + "/MLP[mlp]/Linear[fc1]", ln2, {batch, seq, 4 * hidden});
    const std::string gelu = b.Op(p + "/MLP[mlp]/aten::gelu", "aten::gelu",
                                  {fc1}, {batch, seq, 4 * hidden});
    const std::string fc2 = b.Linear(p + "/MLP[mlp]/Linear[fc2]", gelu, act);
    x = b.Op(p + "/aten::add_", "aten::add", {res1, fc2}, act);
  }
  b.Op("output/output.1", "IO Node", {x}, act);
  b.graph().mutable_versions()->set_producer(22);
  return std::move(b.graph());
}

int HeadsForNodes(int64_t nodes, int blocks) {
  const int64_t per_block = (nodes - kEmbeddingOps - 3) / blocks;
  return static_cast<int>(std::max<int64_t>(
      1, (per_block - kFixedOpsPerBlock + kOpsPerHead / 2) / kOpsPerHead));
}

}  // namespace tbx::tools
