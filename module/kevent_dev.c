// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kevent: the misc device through which user space creates, opens and
 * unlinks events in its IPC namespace, and waits on several events.
 *
 * No locks of its own; names are handled by kevent_names.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ipc_namespace.h>
#include <linux/miscdevice.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "kevent_internal.h"

/* Longest accepted name: KEVENT_NAME_MAX plus a "Global\" prefix. */
#define KEVENT_NAME_BUF		(KEVENT_NAME_MAX + sizeof("Global\\"))

struct kevent_uname {
	char buf[KEVENT_NAME_BUF];
	const char *name;
	u32 len;
};

/* Copy and validate a name from user space. */
static int kevent_copy_name(struct kevent_uname *n, u64 uptr, u32 len)
{
	if (!uptr || !len)
		return -EINVAL;
	if (len >= KEVENT_NAME_BUF)
		return -ENAMETOOLONG;
	if (copy_from_user(n->buf, u64_to_user_ptr(uptr), len))
		return -EFAULT;
	n->name = n->buf;
	n->len = len;
	return kevent_name_normalize(&n->name, &n->len);
}

static struct kevent_ns *kevent_current_ns(void)
{
	return kevent_ns_get(current->nsproxy->ipc_ns);
}

static long kevent_ioctl_create(void __user *uarg)
{
	struct kevent_create_args args;
	struct kevent_uname n = { .name = NULL, .len = 0 };
	struct kevent_ns *ns;
	struct kevent *ev;
	bool existed, permanent;
	int ret;

	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.flags & ~KEVENT_CREATE_FLAGS || args.mode & ~0777 ||
	    args.fd || args.result || memchr_inv(args.reserved, 0,
						  sizeof(args.reserved)))
		return -EINVAL;
	if (args.name || args.name_len) {
		ret = kevent_copy_name(&n, args.name, args.name_len);
		if (ret)
			return ret;
	} else if (args.flags & KEVENT_CREATE_PERMANENT) {
		/* Without a name nothing could ever open or unlink it. */
		return -EINVAL;
	}

	ns = kevent_current_ns();
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	permanent = args.flags & KEVENT_CREATE_PERMANENT;
	if (permanent && !kevent_may_make_permanent(ns))
		ev = ERR_PTR(-EPERM);
	else
		ev = kevent_create_in(ns, n.name, n.len,
				      args.flags & ~KEVENT_CREATE_PERMANENT,
				      args.mode, KEVENT_ACCESS_ALL, &existed);
	kevent_ns_put(ns);
	if (IS_ERR(ev))
		return PTR_ERR(ev);

	/*
	 * PERMANENT takes effect only once the handle reached user space: a
	 * CREATE that fails (no fd left, bad result pointer) leaves nothing
	 * that would outlive it.
	 */
	if (permanent)
		kevent_get(ev);
	args.result = existed ? KEVENT_RESULT_EXISTED : 0;
	ret = kevent_publish_fd(ev, KEVENT_ACCESS_ALL,
				!(args.flags & KEVENT_CREATE_INHERIT),
				uarg, &args, sizeof(args), &args.fd);
	if (permanent) {
		if (!ret)
			kevent_make_permanent(ev);
		kevent_put(ev);
	}
	return ret;
}

static long kevent_ioctl_open(void __user *uarg)
{
	struct kevent_open_args args;
	struct kevent_uname n;
	struct kevent_ns *ns;
	struct kevent *ev;
	int ret;

	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.flags & ~KEVENT_OPEN_FLAGS || !args.access ||
	    args.access & ~KEVENT_ACCESS_ALL || args.fd ||
	    memchr_inv(args.reserved, 0, sizeof(args.reserved)))
		return -EINVAL;
	ret = kevent_copy_name(&n, args.name, args.name_len);
	if (ret)
		return ret;

	ns = kevent_current_ns();
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	ev = kevent_open_in(ns, n.name, n.len, args.access);
	kevent_ns_put(ns);
	if (IS_ERR(ev))
		return PTR_ERR(ev);

	return kevent_publish_fd(ev, args.access,
				 !(args.flags & KEVENT_OPEN_INHERIT),
				 uarg, &args, sizeof(args), &args.fd);
}

static long kevent_ioctl_unlink(void __user *uarg)
{
	struct kevent_unlink_args args;
	struct kevent_uname n;
	struct kevent_ns *ns;
	int ret;

	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.flags || memchr_inv(args.reserved, 0, sizeof(args.reserved)))
		return -EINVAL;
	ret = kevent_copy_name(&n, args.name, args.name_len);
	if (ret)
		return ret;

	ns = kevent_current_ns();
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	if (kevent_may_make_permanent(ns))
		ret = kevent_unlink_in(ns, n.name, n.len);
	else
		ret = -EPERM;
	kevent_ns_put(ns);
	return ret;
}

static long kevent_dev_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case KEVENT_IOC_CREATE:
		return kevent_ioctl_create(uarg);
	case KEVENT_IOC_OPEN:
		return kevent_ioctl_open(uarg);
	case KEVENT_IOC_UNLINK:
		return kevent_ioctl_unlink(uarg);
	case KEVENT_IOC_WAIT:
		return kevent_ioctl_wait(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations kevent_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= kevent_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

/* Anyone may create events; named ones carry their own permissions. */
static struct miscdevice kevent_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kevent",
	.fops	= &kevent_dev_fops,
	.mode	= 0666,
};

int kevent_dev_init(void)
{
	return misc_register(&kevent_misc);
}

void kevent_dev_exit(void)
{
	misc_deregister(&kevent_misc);
}
