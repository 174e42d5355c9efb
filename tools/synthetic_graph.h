// A synthetic transformer graph shaped like what PyTorch's add_graph writes:
// name scopes such as
// "Transformer/ModuleList[blocks]/Block[7]/Attention[attn]/Head[3]/aten::softmax",
// "_output_shapes" on every op, "attr" strings, and an embedding scope holding
// 500 ops directly (the explorer's large-group case). Used by
// make_graph_logdir and the graphs benchmark. Pure functions; any thread.
#ifndef TBX_TOOLS_SYNTHETIC_GRAPH_H_
#define TBX_TOOLS_SYNTHETIC_GRAPH_H_

#include <cstdint>

#include "proto/graph.pb.h"

namespace tbx::tools {

inline constexpr int kEmbeddingOps = 500;

// `blocks` transformer blocks of `heads` attention heads each.
tensorboard::GraphDef TransformerGraph(int blocks, int heads);

// The number of heads per block that brings the graph closest to `nodes`.
int HeadsForNodes(int64_t nodes, int blocks);

}  // namespace tbx::tools

#endif  // TBX_TOOLS_SYNTHETIC_GRAPH_H_
