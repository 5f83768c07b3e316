// SPDX-License-Identifier: GPL-2.0
/*
 * kevent: NT-style named kernel events for Linux - module entry point.
 *
 * Registers the misc device /dev/kevent, through which user space creates,
 * opens and unlinks events.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <uapi/linux/kevent.h>

static long kevent_dev_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	return -ENOTTY;
}

static const struct file_operations kevent_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= kevent_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice kevent_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kevent",
	.fops	= &kevent_dev_fops,
	.mode	= 0666,
};

static int __init kevent_init(void)
{
	return misc_register(&kevent_misc);
}

static void __exit kevent_exit(void)
{
	misc_deregister(&kevent_misc);
}

module_init(kevent_init);
module_exit(kevent_exit);

MODULE_DESCRIPTION("NT-style named kernel events");
MODULE_LICENSE("GPL");
