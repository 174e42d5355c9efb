# Scalars benchmarks (Google Benchmark; not tests): /series over a 1M-point tag.
add_executable(bench_scalar_series ${CMAKE_CURRENT_LIST_DIR}/scalar_series_bench.cc)
target_link_libraries(bench_scalar_series PRIVATE tbx_plugins tbx_data benchmark::benchmark)
tbx_warnings(bench_scalar_series)
# The listing routes at 5,000 runs x 20 tags.
add_executable(bench_scalar_tags ${CMAKE_CURRENT_LIST_DIR}/scalar_tags_bench.cc)
target_link_libraries(bench_scalar_tags PRIVATE tbx_plugins tbx_data benchmark::benchmark)
tbx_warnings(bench_scalar_tags)
