// SPDX-License-Identifier: GPL-2.0
/* core/signal_wait as a 32-bit program: KEVENT_WAIT_SIGNAL through compat_ioctl. */
#include "../core/signal_wait.c"
