# tbx_data: decoding, data_compat, the store, run loaders, the reloader and the DataProvider.
add_library(tbx_data STATIC
  ${CMAKE_CURRENT_SOURCE_DIR}/blob_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/data_compat.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/downsample.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/file_systems.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/file_watcher.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/ingestion.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/ingestion_flags.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/logdir_discovery.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/python_random.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/run_data.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/run_loader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/scalar_block_codec.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/scalar_column.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/scalar_summary.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/store.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/tensor_decode.cc)
target_include_directories(tbx_data PUBLIC ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(tbx_data PUBLIC tbx_record tbx_s3 tbx_proto tbx_api Threads::Threads
  absl::btree absl::flat_hash_map absl::flat_hash_set absl::node_hash_map absl::status
  absl::statusor absl::strings absl::synchronization absl::time)
tbx_warnings(tbx_data)
