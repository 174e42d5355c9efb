# tbx_s3: s3:// and gs:// logdirs -- the SigV4 signer, the S3 client (Boost.Beast, OpenSSL) and
# the object-store FileSystem. Included by src/data/CMakeLists.txt (tbx_data links it).
find_package(OpenSSL REQUIRED)
add_library(tbx_s3 STATIC
  ${CMAKE_SOURCE_DIR}/src/s3/s3_client.cc
  ${CMAKE_SOURCE_DIR}/src/s3/s3_config.cc
  ${CMAKE_SOURCE_DIR}/src/s3/s3_file_system.cc
  ${CMAKE_SOURCE_DIR}/src/s3/s3_xml.cc
  ${CMAKE_SOURCE_DIR}/src/s3/sigv4.cc)
target_include_directories(tbx_s3 PUBLIC ${CMAKE_SOURCE_DIR})
# The same Beast configuration as tbx_server (one definition of its inline functions).
target_compile_definitions(tbx_s3 PRIVATE BOOST_BEAST_USE_STD_STRING_VIEW)
target_link_libraries(tbx_s3 PUBLIC tbx_record Boost::boost OpenSSL::SSL OpenSSL::Crypto
  Threads::Threads absl::status absl::statusor absl::strings absl::synchronization absl::time)
tbx_warnings(tbx_s3)
