# tbx_record: CRC-32C, TFRecord reading and writing, the scalar fast path, and EventWriter.
add_library(tbx_record STATIC
  ${CMAKE_CURRENT_SOURCE_DIR}/crc32c.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/event_writer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/local_file_system.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/readable_file.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/record_reader.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/record_writer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/scalar_fast_path.cc)
target_include_directories(tbx_record PUBLIC ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(tbx_record PUBLIC tbx_proto tbx_api absl::status absl::statusor
                                        absl::strings absl::time)
tbx_warnings(tbx_record)
