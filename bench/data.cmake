# Data-layer benchmarks (not tests): whole-process load time and memory.
add_executable(bench_load ${CMAKE_CURRENT_SOURCE_DIR}/bench_load.cc)
target_link_libraries(bench_load PRIVATE tbx_data)
target_compile_definitions(bench_load PRIVATE TBX_BENCH_DATA_DIR="${CMAKE_BINARY_DIR}/bench_data")
tbx_warnings(bench_load)
