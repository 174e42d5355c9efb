# Server benchmarks (Google Benchmark; not tests): the cost of the HTTP handling layer itself.
# The whole-process HTTP load benchmark is scripts/bench_wrk.sh.
add_executable(bench_http_handler ${CMAKE_CURRENT_LIST_DIR}/http_handler_bench.cc)
target_link_libraries(bench_http_handler PRIVATE tbx_server benchmark::benchmark)
tbx_warnings(bench_http_handler)
