# bench_ingest: reading a PyTorch-style scalar events file (CRC + scalar fast path), and CRC-32C.
add_executable(bench_ingest ${CMAKE_CURRENT_SOURCE_DIR}/bench_ingest.cc)
target_link_libraries(bench_ingest PRIVATE tbx_record benchmark::benchmark)
tbx_warnings(bench_ingest)
