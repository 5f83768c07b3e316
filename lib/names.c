// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkevent: the name operations on /dev/kevent - create, open, unlink.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

#define KEV_CREATE_VALID	(KEV_MANUAL_RESET | KEV_INITIAL_SET | \
				 KEV_CREATE_NEW | KEV_PERMANENT | KEV_INHERIT)

/* Map the library's flags to the kernel's explicitly: the values may differ. */
static unsigned int create_flags(unsigned int flags)
{
	unsigned int k = 0;

	if (flags & KEV_MANUAL_RESET)
		k |= KEVENT_CREATE_MANUAL_RESET;
	if (flags & KEV_INITIAL_SET)
		k |= KEVENT_CREATE_INITIAL_SET;
	if (flags & KEV_CREATE_NEW)
		k |= KEVENT_CREATE_NEW;
	if (flags & KEV_PERMANENT)
		k |= KEVENT_CREATE_PERMANENT;
	if (flags & KEV_INHERIT)
		k |= KEVENT_CREATE_INHERIT;
	return k;
}

static unsigned int access_rights(unsigned int access)
{
	unsigned int k = 0;

	if (access & KEV_ACCESS_WAIT)
		k |= KEVENT_ACCESS_WAIT;
	if (access & KEV_ACCESS_MODIFY)
		k |= KEVENT_ACCESS_MODIFY;
	return k;
}

/* Issue one ioctl on a freshly opened /dev/kevent. */
static int ctl_ioctl(unsigned long cmd, void *arg)
{
	int ctl, ret;

	ctl = kev_ctl_open();
	if (ctl < 0)
		return -1;
	ret = ioctl(ctl, cmd, arg);
	kev_close_quiet(ctl);
	return ret;
}

int kev_create(const char *name, unsigned int flags, mode_t mode, int *existed)
{
	struct kevent_create_args args;
	int len = 0;

	if (flags & ~KEV_CREATE_VALID) {
		errno = EINVAL;
		return -1;
	}
	if (mode & ~(mode_t)0777) {
		errno = EINVAL;
		return -1;
	}
	if (name) {
		len = kev_name_len(name);
		if (len < 0)
			return -1;
	} else if (flags & KEV_PERMANENT) {
		/* Nothing could ever unlink a permanent event without a name. */
		errno = EINVAL;
		return -1;
	}

	memset(&args, 0, sizeof(args));
	args.name = (uintptr_t)name;
	args.name_len = len;
	args.flags = create_flags(flags);
	args.mode = mode;
	if (ctl_ioctl(KEVENT_IOC_CREATE, &args) < 0)
		return -1;
	if (existed)
		*existed = !!(args.result & KEVENT_RESULT_EXISTED);
	return args.fd;
}

int kev_open(const char *name, unsigned int access, unsigned int flags)
{
	struct kevent_open_args args;
	int len;

	if (!access || (access & ~KEV_ACCESS_ALL) || (flags & ~KEV_INHERIT)) {
		errno = EINVAL;
		return -1;
	}
	len = kev_name_len(name);
	if (len < 0)
		return -1;

	memset(&args, 0, sizeof(args));
	args.name = (uintptr_t)name;
	args.name_len = len;
	args.access = access_rights(access);
	args.flags = (flags & KEV_INHERIT) ? KEVENT_OPEN_INHERIT : 0;
	if (ctl_ioctl(KEVENT_IOC_OPEN, &args) < 0)
		return -1;
	return args.fd;
}

int kev_unlink(const char *name)
{
	struct kevent_unlink_args args;
	int len;

	len = kev_name_len(name);
	if (len < 0)
		return -1;

	memset(&args, 0, sizeof(args));
	args.name = (uintptr_t)name;
	args.name_len = len;
	return ctl_ioctl(KEVENT_IOC_UNLINK, &args) < 0 ? -1 : 0;
}
