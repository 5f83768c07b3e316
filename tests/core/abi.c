// SPDX-License-Identifier: GPL-2.0
/*
 * ABI rules: unknown flags, non-zero reserved and output fields, bad
 * pointers, unknown ioctls, and that failed calls change nothing. Built
 * twice: as a 64-bit and as a 32-bit (compat_ioctl) program.
 */
#include <sys/mman.h>

#include "kt.h"

/* An address that is never mapped: a freshly unmapped page. */
static void *bad_ptr(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 4096);
	return p;
}

static int dev_ioctl(unsigned long cmd, void *arg)
{
	return kt_ret(ioctl(kt_dev(), cmd, arg));
}

static void test_struct_sizes(void)
{
	ok(sizeof(struct kevent_create_args) == 40 && sizeof(struct kevent_open_args) == 32 &&
	   sizeof(struct kevent_unlink_args) == 24 && sizeof(struct kevent_wait_args) == 32 &&
	   sizeof(struct kevent_query_args) == 288,
	   "structure sizes are fixed (%zu-bit build)", sizeof(long) * 8);
}

static void test_create(void)
{
	struct kevent_create_args a;
	int i;

	memset(&a, 0, sizeof(a));
	a.flags = 1U << 5;
	is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EINVAL, "CREATE: unknown flag: EINVAL");
	a.flags = 1U << 31;
	is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EINVAL, "CREATE: flag bit 31: EINVAL");
	for (i = 0; i < 3; i++) {
		memset(&a, 0, sizeof(a));
		a.reserved[i] = 1;
		is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EINVAL, "CREATE: reserved[%d] != 0: EINVAL", i);
	}
	memset(&a, 0, sizeof(a));
	a.fd = 3;
	is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EINVAL, "CREATE: output fd != 0 on input: EINVAL");
	memset(&a, 0, sizeof(a));
	a.result = 1;
	is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EINVAL, "CREATE: output result != 0: EINVAL");
	memset(&a, 0, sizeof(a));
	a.mode = 01000;
	is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EINVAL, "CREATE: mode beyond 0777: EINVAL");
	is_int(dev_ioctl(KEVENT_IOC_CREATE, NULL), -EFAULT, "CREATE: NULL argument: EFAULT");
	is_int(dev_ioctl(KEVENT_IOC_CREATE, bad_ptr()), -EFAULT, "CREATE: unmapped argument: EFAULT");
	memset(&a, 0, sizeof(a));
	a.name = (uintptr_t)bad_ptr();
	a.name_len = 4;
	is_int(dev_ioctl(KEVENT_IOC_CREATE, &a), -EFAULT, "CREATE: unmapped name: EFAULT");
}

static void test_open_unlink(void)
{
	struct kevent_open_args o;
	struct kevent_unlink_args u;
	int ev = kt_create("kt-abi", 0);

	memset(&o, 0, sizeof(o));
	o.name = (uintptr_t)"kt-abi";
	o.name_len = 6;
	o.access = 0;
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EINVAL, "OPEN: no access bit: EINVAL");
	o.access = 4;
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EINVAL, "OPEN: unknown access bit: EINVAL");
	o.access = KEVENT_ACCESS_ALL;
	o.flags = 2;
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EINVAL, "OPEN: unknown flag: EINVAL");
	o.flags = 0;
	o.reserved[1] = 1;
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EINVAL, "OPEN: reserved != 0: EINVAL");
	o.reserved[1] = 0;
	o.fd = 5;
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EINVAL, "OPEN: output fd != 0: EINVAL");
	o.fd = 0;
	o.name = 0;
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EINVAL, "OPEN: no name: EINVAL");
	o.name = (uintptr_t)bad_ptr();
	is_int(dev_ioctl(KEVENT_IOC_OPEN, &o), -EFAULT, "OPEN: unmapped name: EFAULT");
	is_int(dev_ioctl(KEVENT_IOC_OPEN, NULL), -EFAULT, "OPEN: NULL argument: EFAULT");

	memset(&u, 0, sizeof(u));
	u.name = (uintptr_t)"kt-abi";
	u.name_len = 6;
	u.flags = 1;
	is_int(dev_ioctl(KEVENT_IOC_UNLINK, &u), -EINVAL, "UNLINK: flags != 0: EINVAL");
	u.flags = 0;
	u.reserved[0] = 1;
	is_int(dev_ioctl(KEVENT_IOC_UNLINK, &u), -EINVAL, "UNLINK: reserved != 0: EINVAL");
	is_int(dev_ioctl(KEVENT_IOC_UNLINK, NULL), -EFAULT, "UNLINK: NULL argument: EFAULT");
	close(ev);
}

static void test_wait(void)
{
	struct kevent_wait_args w;
	int ev = kt_create(NULL, KEVENT_CREATE_INITIAL_SET);

	memset(&w, 0, sizeof(w));
	w.fds = (uintptr_t)&ev;
	w.count = 1;
	w.flags = 1U << 4;
	is_int(dev_ioctl(KEVENT_IOC_WAIT, &w), -EINVAL, "WAIT: unknown flag: EINVAL");
	w.flags = 0;
	w.reserved = 1;
	is_int(dev_ioctl(KEVENT_IOC_WAIT, &w), -EINVAL, "WAIT: reserved != 0: EINVAL");
	w.reserved = 0;
	w.index = 1;
	is_int(dev_ioctl(KEVENT_IOC_WAIT, &w), -EINVAL, "WAIT: output index != 0: EINVAL");
	w.index = 0;
	w.fds = (uintptr_t)bad_ptr();
	is_int(dev_ioctl(KEVENT_IOC_WAIT, &w), -EFAULT, "WAIT: unmapped fd array: EFAULT");
	w.fds = 0;
	is_int(dev_ioctl(KEVENT_IOC_WAIT, &w), -EFAULT, "WAIT: NULL fd array: EFAULT");
	is_int(dev_ioctl(KEVENT_IOC_WAIT, NULL), -EFAULT, "WAIT: NULL argument: EFAULT");
	is_int(kt_state(ev), 1, "failed waits consumed nothing");
	{
		/* Readable but not writable arguments: the index cannot be reported. */
		struct kevent_wait_args *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
						   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		memset(ro, 0, sizeof(*ro));
		ro->fds = (uintptr_t)&ev;
		ro->count = 1;
		mprotect(ro, 4096, PROT_READ);
		is_int(dev_ioctl(KEVENT_IOC_WAIT, ro), -EFAULT, "WAIT with read-only arguments: EFAULT");
		is_int(kt_state(ev), 1, "... and the signaled event was not consumed");
		munmap(ro, 4096);
	}
	w.fds = (uintptr_t)&ev;
	is_int(kt_ret(ioctl(ev, KEVENT_IOC_WAIT, &w)), 0, "WAIT works on an event fd too");
	is_int(kt_state(ev), 0, "... and consumed the event");
	close(ev);
}

static void test_event_fd(void)
{
	int ev = kt_create(NULL, 0);

	is_int(kt_ret(ioctl(ev, KEVENT_IOC_SET, NULL)), -EFAULT, "SET with a NULL result pointer: EFAULT");
	is_int(kt_ret(ioctl(ev, KEVENT_IOC_SET, bad_ptr())), -EFAULT, "SET with an unmapped result: EFAULT");
	is_int(kt_state(ev), 0, "... and the event was not set");
	kt_set(ev);
	is_int(kt_ret(ioctl(ev, KEVENT_IOC_RESET, bad_ptr())), -EFAULT, "RESET with an unmapped result: EFAULT");
	is_int(kt_ret(ioctl(ev, KEVENT_IOC_PULSE, bad_ptr())), -EFAULT, "PULSE with an unmapped result: EFAULT");
	is_int(kt_state(ev), 1, "... and the event was not reset");
	is_int(kt_ret(ioctl(ev, KEVENT_IOC_QUERY, bad_ptr())), -EFAULT, "QUERY to an unmapped buffer: EFAULT");
	is_int(kt_ret(ioctl(ev, _IOR(KEVENT_IOC_MAGIC, 0x10, uint64_t), NULL)), -ENOTTY,
	       "SET with a different size encoding: ENOTTY");
	is_int(kt_ret(ioctl(kt_dev(), _IO(KEVENT_IOC_MAGIC, 0x50), NULL)), -ENOTTY,
	       "unknown ioctl on /dev/kevent: ENOTTY");
	is_int(kt_ret(ioctl(kt_dev(), _IO('T', 1), NULL)), -ENOTTY, "foreign ioctl on /dev/kevent: ENOTTY");
	close(ev);
}

int main(void)
{
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	test_struct_sizes();
	test_create();
	test_open_unlink();
	test_wait();
	test_event_fd();
	return done();
}
