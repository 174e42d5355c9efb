# HParams benchmarks (Google Benchmark; not tests): session_groups for every column over synthetic
# sweeps of 1,000 and 10,000 sessions.
add_executable(bench_hparams ${CMAKE_CURRENT_LIST_DIR}/hparams_bench.cc)
target_link_libraries(bench_hparams PRIVATE tbx_plugins tbx_proto tbx_fake_data_provider
                      benchmark::benchmark)
tbx_warnings(bench_hparams)
