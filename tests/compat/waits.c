// SPDX-License-Identifier: GPL-2.0
/* core/waits as a 32-bit program: the same checks through compat_ioctl. */
#include "../core/waits.c"
