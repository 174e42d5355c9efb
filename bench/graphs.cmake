# Graphs plugin benchmark (Google Benchmark; not a test): decoding a synthetic transformer GraphDef
# and building the explorer's hierarchy at 10k and 50k nodes.
if(TARGET tbx_synthetic_graph AND TARGET tbx_plugins)
  add_executable(bench_graph_hierarchy ${CMAKE_CURRENT_LIST_DIR}/graph_hierarchy_bench.cc)
  target_link_libraries(bench_graph_hierarchy PRIVATE tbx_plugins tbx_synthetic_graph tbx_proto
                        benchmark::benchmark)
  tbx_warnings(bench_graph_hierarchy)
endif()
