/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libkevent internals shared by the library's source files; not installed.
 */
#ifndef KEV_INTERNAL_H
#define KEV_INTERNAL_H

/*
 * The uAPI header by its path under include/: with -Iinclude, <linux/kevent.h>
 * would find the kernel-internal include/linux/kevent.h instead.
 */
#include "uapi/linux/kevent.h"

#include "kevent.h"

/* Symbols not in kevent.h stay out of the shared library's ABI. */
#define KEV_HIDDEN __attribute__((visibility("hidden")))

/*
 * Open /dev/kevent for one create/open/unlink call. Opening per call rather
 * than caching keeps the library fork- and exec-safe and lets it work after
 * the module is reloaded. Returns the fd, or -1 with errno ENODEV when the
 * module is not loaded (so that ENOENT keeps meaning "no such event").
 */
KEV_HIDDEN int kev_ctl_open(void);

/* close() that preserves errno, for error paths. */
KEV_HIDDEN void kev_close_quiet(int fd);

/*
 * Check a name for kev_open/kev_unlink and kev_create: not NULL, not empty,
 * not absurdly long. Returns its length, or -1 with errno EINVAL or
 * ENAMETOOLONG. The kernel checks the rest (length, characters, prefixes).
 */
KEV_HIDDEN int kev_name_len(const char *name);

#endif /* KEV_INTERNAL_H */
