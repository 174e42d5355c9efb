# Installing tbx and packaging it as a Debian package (included from the top-level CMakeLists).
#
#   cmake --install build [--prefix P]   P/bin/tbx (dashboards embedded), the %tbx notebook module
#                                         where P's Python finds it, the license and README
#   cpack --config build/CPackConfig.cmake -G DEB    build/tbx_<version>_<arch>.deb
#
# The Debian package's dependencies are the shared libraries the binary links, found by
# dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS), so they match the machine that built it.
include(GNUInstallDirs)

if(TARGET tbx)
  install(TARGETS tbx RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The notebook module (notebook/tbx_notebook, pure Python) goes where the prefix's Python looks:
# Debian's python3 reads /usr/lib/python3/dist-packages for packages,
# /usr/local/lib/python3.X/dist-packages for local installs, and lib/python3.X/site-packages under
# ~/.local (the user site) or a virtualenv. Which one is decided when installing, because cpack
# installs with its own prefix (/usr) after configuring with another. TBX_PYTHON_DIR overrides.
set(tbx_notebook_dir ${CMAKE_SOURCE_DIR}/notebook/tbx_notebook)
if(EXISTS ${tbx_notebook_dir})
  # The system's python3 (the one Jupyter from the distribution runs), else the first on PATH.
  find_program(TBX_INSTALL_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
  find_program(TBX_INSTALL_PYTHON python3)
  set(tbx_python python3)
  if(TBX_INSTALL_PYTHON)
    execute_process(COMMAND ${TBX_INSTALL_PYTHON} -c
                            "import sys; print(f'python{sys.version_info[0]}.{sys.version_info[1]}')"
                    OUTPUT_VARIABLE tbx_python OUTPUT_STRIP_TRAILING_WHITESPACE)
  endif()
  set(TBX_PYTHON_DIR "" CACHE STRING
      "Where to install the notebook module, relative to the prefix (empty: decided by the prefix)")
  install(CODE "
    set(dir \"${TBX_PYTHON_DIR}\")
    if(NOT dir STREQUAL \"\")
    elseif(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr/local/?$\")
      set(dir lib/${tbx_python}/dist-packages)
    elseif(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr/?$\")
      set(dir lib/python3/dist-packages)
    else()
      set(dir lib/${tbx_python}/site-packages)
    endif()
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${dir}\" TYPE DIRECTORY
         FILES \"${tbx_notebook_dir}\" PATTERN __pycache__ EXCLUDE)
  ")
endif()

set(CPACK_PACKAGE_NAME tbx)
set(CPACK_PACKAGE_VENDOR "tbx developers")
set(CPACK_PACKAGE_CONTACT "tbx developers <tbx@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "TensorBoard-compatible dashboards for ML event files, in one C++ executable")
set(CPACK_PACKAGE_DESCRIPTION
    "tbx reads the event files that TensorBoard writers produce (PyTorch, tf.summary, Keras, \
tensorboardX, JAX) and serves TensorBoard's HTTP API and dashboards from one executable.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-ipython, jupyter-notebook")
set(CPACK_STRIP_FILES ON)
include(CPack)
