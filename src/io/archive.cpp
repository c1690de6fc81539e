// SPDX-License-Identifier: MIT
// PLACEHOLDER on branch io-base: the implementation is being written; never merged as is.
#include "internal.hpp"
