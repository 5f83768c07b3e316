// SPDX-License-Identifier: GPL-2.0
/*
 * kevent: NT-style named kernel events for Linux - module entry point.
 *
 * Notification (manual-reset) and synchronization (auto-reset) events,
 * with NT semantics, as file descriptors for applications (/dev/kevent)
 * and as struct kevent for drivers (include/linux/kevent.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rcupdate.h>

#include "kevent_internal.h"

static int __init kevent_module_init(void)
{
	int ret;

	ret = kevent_core_init();
	if (ret)
		return ret;
	ret = kevent_proc_init();
	if (ret)
		goto err_core;
	ret = kevent_dev_init();
	if (ret)
		goto err_proc;
	return 0;

err_proc:
	kevent_proc_exit();
err_core:
	kevent_core_exit();
	return ret;
}

static void __exit kevent_module_exit(void)
{
	kevent_dev_exit();
	kevent_proc_exit();
	kevent_handles_exit();
	kevent_names_exit();
	kevent_core_exit();
	kevent_users_exit();
	/* Events are freed with kfree_rcu(): let those callbacks finish. */
	rcu_barrier();
}

module_init(kevent_module_init);
module_exit(kevent_module_exit);

MODULE_DESCRIPTION("NT-style named kernel events (KEVENT)");
MODULE_LICENSE("GPL");
MODULE_VERSION(KEVENT_VERSION);
