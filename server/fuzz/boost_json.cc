// Boost.JSON compiled into the fuzz targets, instrumented like the code
// under test (the server links the library instead).
#include <boost/json/src.hpp>
