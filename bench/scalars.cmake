# Scalars benchmarks (Google Benchmark; not tests): /series over a 1M-point tag.
add_executable(bench_scalar_series ${CMAKE_CURRENT_LIST_DIR}/scalar_series_bench.cc)
target_link_libraries(bench_scalar_series PRIVATE tbx_plugins tbx_data benchmark::benchmark)
tbx_warnings(bench_scalar_series)
