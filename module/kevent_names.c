// SPDX-License-Identifier: GPL-2.0
/*
 * kevent names: per-IPC-namespace name tables, creation, lookup, unlink,
 * permissions and limits.
 *
 * Locking
 * -------
 * kevent_registry_mutex protects the list of struct kevent_ns and their
 * refcounts reaching zero, and additions to the table of struct
 * kevent_user. That table is read under RCU (waits must not take a global
 * mutex); its entries live until unload.
 * kevent_ns.mutex protects that namespace's name table (insertions and
 * removals), its list of named events, and kevent.permanent/.hashed of its
 * events. Order: kevent_registry_mutex -> kevent_ns.mutex; neither is taken
 * under a spinlock. Both are only taken in process context: by ioctls, by
 * the kernel API's create/open, and by the release work item.
 *
 * Lifetime
 * --------
 * An event's last reference may be dropped in any context (kevent_put() from
 * a timer, say), so the final release only gives back the limits and queues
 * kevent_free() on a workqueue. A name lookup ignores an event whose
 * refcount already reached zero, so its name is free at once; creating the
 * same name again unhashes the dying event first.
 *
 * struct kevent_ns holds a reference on its IPC namespace, so the namespace
 * pointer used as its key cannot be reused while the entry exists. The
 * entry, and the reference, go with the namespace's last event. (A
 * permanent event keeps its namespace alive until unlinked or until the
 * module is unloaded.)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/error-injection.h>
#include <linux/nsproxy.h>
#include <linux/rculist.h>
#include <linux/cred.h>
#include <linux/ipc_namespace.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/proc_ns.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kevent_internal.h"
#include "kevent_trace.h"

unsigned int kevent_max_per_ns = 65536;
module_param_named(max_events_per_ns, kevent_max_per_ns, uint, 0644);
MODULE_PARM_DESC(max_events_per_ns,
		 "Maximum number of events per IPC namespace (default 65536)");

unsigned int kevent_max_per_user = 16384;
module_param_named(max_events_per_user, kevent_max_per_user, uint, 0644);
MODULE_PARM_DESC(max_events_per_user,
		 "Maximum number of events per user (default 16384)");

/*
 * Every queued wait entry costs a setter O(1) with interrupts off (see
 * kevent_core.c), so the waits one user may have in progress are bounded.
 */
unsigned int kevent_max_waits_per_user = 8192;
module_param_named(max_waits_per_user, kevent_max_waits_per_user, uint, 0644);
MODULE_PARM_DESC(max_waits_per_user,
		 "Maximum number of waits in progress per user (default 8192)");

/*
 * A wait-all costs every SET of each of its events O(1) with interrupts
 * off, whether or not it is released: the waits that one user can make
 * every setter of a shared event pay for are bounded by this.
 */
unsigned int kevent_max_wait_all_per_user = 256;
module_param_named(max_wait_all_per_user, kevent_max_wait_all_per_user, uint, 0644);
MODULE_PARM_DESC(max_wait_all_per_user,
		 "Maximum number of wait-all waits in progress per user (default 256)");

unsigned long kevent_max_bytes_per_user = 8UL << 20;
module_param_named(max_bytes_per_user, kevent_max_bytes_per_user, ulong, 0644);
MODULE_PARM_DESC(max_bytes_per_user,
		 "Maximum memory of the events (objects and names) per user, in bytes (default 8 MiB)");

static DEFINE_MUTEX(kevent_registry_mutex);
static LIST_HEAD(kevent_ns_list);
/* Users' accounting entries, by uid; added under kevent_registry_mutex. */
static DEFINE_HASHTABLE(kevent_users, 8);

/* Default permission bits of a named event created with mode 0. */
#define KEVENT_DEFAULT_MODE	0600

struct kevent_name_key {
	const char *name;
	u32 len;
};

static u32 kevent_key_hash(const void *data, u32 len, u32 seed)
{
	const struct kevent_name_key *key = data;

	return jhash(key->name, key->len, seed);
}

static u32 kevent_obj_hash(const void *data, u32 len, u32 seed)
{
	const struct kevent_object *obj = data;

	return jhash(obj->name, obj->name_len, seed);
}

static int kevent_obj_cmp(struct rhashtable_compare_arg *arg, const void *ptr)
{
	const struct kevent_name_key *key = arg->key;
	const struct kevent_object *obj = ptr;

	return obj->name_len != key->len || memcmp(obj->name, key->name, key->len);
}

static const struct rhashtable_params kevent_name_params = {
	.head_offset		= offsetof(struct kevent_object, hnode),
	.hashfn			= kevent_key_hash,
	.obj_hashfn		= kevent_obj_hash,
	.obj_cmpfn		= kevent_obj_cmp,
	.automatic_shrinking	= true,
};

/*
 * A kernel caller's NUL-terminated name: returns its length, at most
 * KEVENT_KERNEL_NAME_MAX, after moving *name past an NT root. A driver
 * ported from Windows writes "\BaseNamedObjects\NAME" for the event that
 * applications call "NAME"; kevent_name_normalize() does the rest.
 */
u32 kevent_kernel_name(const char **name)
{
	u32 len = strnlen(*name, KEVENT_KERNEL_NAME_MAX);

	if (len >= sizeof(KEVENT_NT_ROOT) - 1 &&
	    !memcmp(*name, KEVENT_NT_ROOT, sizeof(KEVENT_NT_ROOT) - 1)) {
		*name += sizeof(KEVENT_NT_ROOT) - 1;
		len -= sizeof(KEVENT_NT_ROOT) - 1;
	}
	return len;
}

/**
 * kevent_name_normalize() - validate a name and strip a Windows prefix
 * @name:     in/out: the name (not NUL-terminated)
 * @name_len: in/out: its length
 *
 * A leading "Global\" or "Local\" is accepted and stripped, for source
 * compatibility with Windows; kevent's namespaces are IPC namespaces.
 *
 * Return: 0, -EINVAL (empty, a NUL or a backslash) or -ENAMETOOLONG.
 */
int kevent_name_normalize(const char **name, u32 *name_len)
{
	static const char * const prefixes[] = { "Global\\", "Local\\" };
	u32 i;

	for (i = 0; i < ARRAY_SIZE(prefixes); i++) {
		size_t plen = strlen(prefixes[i]);

		if (*name_len >= plen && !memcmp(*name, prefixes[i], plen)) {
			*name += plen;
			*name_len -= plen;
			break;
		}
	}
	if (!*name_len)
		return -EINVAL;
	if (*name_len > KEVENT_NAME_MAX)
		return -ENAMETOOLONG;
	if (memchr(*name, '\0', *name_len) || memchr(*name, '\\', *name_len))
		return -EINVAL;
	return 0;
}

/**
 * kevent_ns_get() - find or create kevent's state for an IPC namespace
 * @ipc_ns: the namespace
 *
 * Context: Process context; takes kevent_registry_mutex.
 * Return: a referenced struct kevent_ns or an ERR_PTR.
 */
struct kevent_ns *kevent_ns_get(struct ipc_namespace *ipc_ns)
{
	struct kevent_ns *ns;
	int ret;

	mutex_lock(&kevent_registry_mutex);
	list_for_each_entry(ns, &kevent_ns_list, node) {
		if (ns->ipc_ns == ipc_ns) {
			refcount_inc(&ns->ref);
			goto out;
		}
	}
	ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	if (!ns) {
		ns = ERR_PTR(-ENOMEM);
		goto out;
	}
	ret = rhashtable_init(&ns->names, &kevent_name_params);
	if (ret) {
		kfree(ns);
		ns = ERR_PTR(ret);
		goto out;
	}
	ns->ipc_ns = get_ipc_ns(ipc_ns);
	xa_init_flags(&ns->ids, XA_FLAGS_ALLOC);
	mutex_init(&ns->mutex);
	refcount_set(&ns->ref, 1);
	list_add(&ns->node, &kevent_ns_list);
out:
	mutex_unlock(&kevent_registry_mutex);
	return ns;
}

ALLOW_ERROR_INJECTION(kevent_ns_get, ERRNO);

/**
 * kevent_ns_put() - drop a reference from kevent_ns_get()
 * @ns: the namespace state
 *
 * Context: Process context; takes kevent_registry_mutex.
 */
void kevent_ns_put(struct kevent_ns *ns)
{
	if (!refcount_dec_and_mutex_lock(&ns->ref, &kevent_registry_mutex))
		return;
	list_del(&ns->node);
	mutex_unlock(&kevent_registry_mutex);

	WARN_ON(!xa_empty(&ns->ids));
	xa_destroy(&ns->ids);
	rhashtable_destroy(&ns->names);
	/* put_ipc_ns() is not exported; the namespace's own ops put it. */
	ns->ipc_ns->ns.ops->put(&ns->ipc_ns->ns);
	kfree(ns);
}

/* Add one to @count unless that passes @max. */
static bool kevent_charge(atomic_t *count, unsigned int max)
{
	if (atomic_inc_return(count) > max) {
		atomic_dec(count);
		return false;
	}
	return true;
}

/*
 * A user's accounting entry. Entries are kept until unload once made, so
 * that a wait finds its user's entry under RCU, without a lock or an
 * allocation, even for a user who has no event (waiting on someone else's):
 * one entry per uid that ever used kevent.
 */
static noinline struct kevent_user *kevent_user_get(kuid_t uid)
{
	u32 key = __kuid_val(uid);
	struct kevent_user *user;

	rcu_read_lock();
	hash_for_each_possible_rcu(kevent_users, user, node, key) {
		if (uid_eq(user->uid, uid)) {
			rcu_read_unlock();
			return user;
		}
	}
	rcu_read_unlock();

	mutex_lock(&kevent_registry_mutex);
	hash_for_each_possible(kevent_users, user, node, key)
		if (uid_eq(user->uid, uid))
			goto out;
	user = kzalloc(sizeof(*user), GFP_KERNEL);
	if (user) {
		user->uid = uid;
		hash_add_rcu(kevent_users, &user->node, key);
	}
out:
	mutex_unlock(&kevent_registry_mutex);
	return user;
}

ALLOW_ERROR_INJECTION(kevent_user_get, NULL);

/**
 * kevent_users_exit() - free the users' accounting entries
 *
 * Context: Module unload, after every event was freed.
 */
void kevent_users_exit(void)
{
	struct hlist_node *tmp;
	struct kevent_user *user;
	unsigned int bkt;

	hash_for_each_safe(kevent_users, bkt, tmp, user, node) {
		hash_del(&user->node);
		kfree(user);
	}
}

/**
 * kevent_user_charge_wait() - charge a wait to the calling user
 * @all: a wait-all (also charged to max_wait_all_per_user)
 *
 * Context: Process context; the user's entry is found without a lock,
 * except the first time the user comes (kevent_registry_mutex).
 * Return: the user's entry, to be given to kevent_user_uncharge_wait(), or
 * ERR_PTR(-ENOSPC) at a limit, or ERR_PTR(-ENOMEM).
 */
struct kevent_user *kevent_user_charge_wait(bool all)
{
	struct kevent_user *user = kevent_user_get(current_euid());

	if (!user)
		return ERR_PTR(-ENOMEM);
	if (!kevent_charge(&user->waits, READ_ONCE(kevent_max_waits_per_user)))
		return ERR_PTR(-ENOSPC);
	if (all && !kevent_charge(&user->waits_all,
				  READ_ONCE(kevent_max_wait_all_per_user))) {
		atomic_dec(&user->waits);
		return ERR_PTR(-ENOSPC);
	}
	return user;
}

/**
 * kevent_user_uncharge_wait() - the wait charged by kevent_user_charge_wait() ended
 * @user: the entry it returned
 * @all:  as given to kevent_user_charge_wait()
 *
 * Context: Process context.
 */
void kevent_user_uncharge_wait(struct kevent_user *user, bool all)
{
	if (all)
		atomic_dec(&user->waits_all);
	atomic_dec(&user->waits);
}

/* Look up @key in @ns; only a live event is returned, referenced. */
static struct kevent_object *kevent_lookup(struct kevent_ns *ns,
					   const struct kevent_name_key *key,
					   struct kevent_object **dying)
{
	struct kevent_object *obj;

	lockdep_assert_held(&ns->mutex);

	obj = rhashtable_lookup_fast(&ns->names, key, kevent_name_params);
	if (obj && !refcount_inc_not_zero(&obj->ref)) {
		if (dying)
			*dying = obj;
		return NULL;
	}
	return obj;
}

/* Take @obj out of its namespace's name table. Caller holds ns->mutex. */
static void kevent_unhash(struct kevent_object *obj)
{
	lockdep_assert_held(&obj->ns->mutex);

	if (!obj->hashed)
		return;
	rhashtable_remove_fast(&obj->ns->names, &obj->hnode, kevent_name_params);
	xa_erase(&obj->ns->ids, obj->id);
	obj->hashed = false;
}

/*
 * SysV-style check of @access (KEVENT_ACCESS_*) against @obj's owner, group
 * and mode; CAP_IPC_OWNER in the namespace's user namespace overrides.
 */
static int kevent_permission(struct kevent_object *obj, u32 access)
{
	int requested = 0, granted = obj->mode;

	if (access & KEVENT_ACCESS_WAIT)
		requested |= 4;
	if (access & KEVENT_ACCESS_MODIFY)
		requested |= 2;

	if (uid_eq(current_euid(), obj->uid))
		granted >>= 6;
	else if (in_group_p(obj->gid))
		granted >>= 3;
	if (requested & ~granted & 7 &&
	    !ns_capable(obj->ns->ipc_ns->user_ns, CAP_IPC_OWNER))
		return -EACCES;
	return 0;
}

/* Allocate an event and charge it to @ns and, unless @kernel, to @user. */
static noinline struct kevent_object *
kevent_alloc(struct kevent_ns *ns, struct kevent_user *user, const char *name,
	     u32 name_len, u32 flags, umode_t mode, bool kernel)
{
	struct kevent_object *obj;
	size_t size = struct_size(obj, name, name_len + 1);

	if (!kevent_charge(&ns->count, READ_ONCE(kevent_max_per_ns)))
		goto nospc_ns;
	/* The kernel API is trusted and is not charged to a user's limit. */
	if (kernel) {
		/* owned by root, charged to nobody */
	} else if (!kevent_charge(&user->count, READ_ONCE(kevent_max_per_user))) {
		goto nospc_user;
	} else if (atomic_long_add_return(size, &user->bytes) >
		   READ_ONCE(kevent_max_bytes_per_user)) {
		goto nospc_bytes;
	}

	/* Charged to the creator's memory cgroup. */
	obj = kzalloc(size, GFP_KERNEL_ACCOUNT);
	if (!obj) {
		if (!kernel) {
			atomic_long_sub(size, &user->bytes);
			atomic_dec(&user->count);
		}
		atomic_dec(&ns->count);
		return ERR_PTR(-ENOMEM);
	}
	obj->charged = !kernel;
	kevent_init_object(obj, flags & KEVENT_CREATE_MANUAL_RESET,
			   flags & KEVENT_CREATE_INITIAL_SET);
	refcount_inc(&ns->ref);
	obj->ns = ns;
	obj->user = user;
	obj->uid = user->uid;
	obj->gid = kernel ? GLOBAL_ROOT_GID : current_egid();
	obj->mode = (mode & 0777) ?: KEVENT_DEFAULT_MODE;
	obj->name_len = name_len;
	memcpy(obj->name, name, name_len);
	return obj;

nospc_bytes:
	atomic_long_sub(size, &user->bytes);
	atomic_dec(&user->count);
nospc_user:
	atomic_dec(&ns->count);
nospc_ns:
	return ERR_PTR(-ENOSPC);
}

ALLOW_ERROR_INJECTION(kevent_alloc, ERRNO);

/**
 * kevent_may_make_permanent() - may the caller make events permanent?
 * @ns: the namespace the events live in
 *
 * Permanent events outlive every handle (ZwCreateEvent with
 * OBJ_PERMANENT, which needs SeCreatePermanentPrivilege). Only in the
 * initial IPC namespace, and only with CAP_SYS_ADMIN in the initial user
 * namespace: kevent cannot learn when another IPC namespace dies, so a
 * permanent event there would pin it, undeletable, once its processes are
 * gone, and root of a user namespace (anyone, with unshare -Ur) could
 * leave such objects charged to himself. UNLINK needs the same.
 *
 * Context: Process context.
 * Return: true if it may.
 */
bool kevent_may_make_permanent(struct kevent_ns *ns)
{
	return ns->ipc_ns == init_task.nsproxy->ipc_ns &&
	       capable(CAP_SYS_ADMIN);
}

/* Caller holds obj->ns->mutex; @obj is named and the caller holds a reference. */
static void __kevent_make_permanent(struct kevent_object *obj)
{
	if (!obj->permanent) {
		obj->permanent = true;
		refcount_inc(&obj->ref);	/* dropped by UNLINK or at unload */
	}
}

/**
 * kevent_make_permanent() - make a named event outlive its handles
 * @ev: a named event the caller holds a reference on
 *
 * The CREATE ioctl calls this only once the new handle has reached user
 * space, so a CREATE that fails leaves nothing permanent behind. The
 * caller checked kevent_may_make_permanent().
 *
 * Context: Process context; takes the event's namespace mutex.
 */
void kevent_make_permanent(struct kevent *ev)
{
	struct kevent_object *obj = to_kevent_object(ev);

	mutex_lock(&obj->ns->mutex);
	__kevent_make_permanent(obj);
	mutex_unlock(&obj->ns->mutex);
}

/**
 * kevent_create_in() - create an event, or open an existing named one
 * @ns:           namespace state (referenced by the caller)
 * @name:         normalized name, or NULL for an anonymous event
 * @name_len:     length of @name
 * @flags:        KEVENT_CREATE_* (validated by the caller, who also checked
 *                kevent_may_make_permanent() for KEVENT_CREATE_PERMANENT)
 * @mode:         permission bits of a new event (0: the default, 0600)
 * @check_access: access to check on an existing event (KEVENT_ACCESS_*),
 *                or 0 for a trusted kernel caller
 * @existed:      out: an existing event was opened
 *
 * Context: Process context; takes @ns->mutex for a named event.
 * Return: a referenced event or an ERR_PTR: -EEXIST, -EACCES, -ENOSPC or
 * -ENOMEM.
 */
struct kevent *kevent_create_in(struct kevent_ns *ns, const char *name,
				u32 name_len, u32 flags, umode_t mode,
				u32 check_access, bool *existed)
{
	struct kevent_name_key key = { .name = name, .len = name_len };
	bool kernel = !check_access;
	struct kevent_object *obj, *dying = NULL;
	struct kevent_user *user;
	int ret;

	*existed = false;
	/* Before ns->mutex: the lock order is registry, then namespace. */
	user = kevent_user_get(kernel ? GLOBAL_ROOT_UID : current_euid());
	if (!user)
		return ERR_PTR(-ENOMEM);

	if (!name) {
		obj = kevent_alloc(ns, user, NULL, 0, flags, mode, kernel);
		if (IS_ERR(obj))
			return ERR_CAST(obj);
		trace_kevent_create(obj, false);
		return &obj->event;
	}

	mutex_lock(&ns->mutex);
	obj = kevent_lookup(ns, &key, &dying);
	if (obj) {
		ret = -EEXIST;
		if (flags & KEVENT_CREATE_NEW)
			goto err_put;
		ret = kernel ? 0 : kevent_permission(obj, check_access);
		if (ret)
			goto err_put;
		*existed = true;
		goto make_permanent;
	}
	if (dying)
		kevent_unhash(dying);

	obj = kevent_alloc(ns, user, name, name_len, flags, mode, kernel);
	if (IS_ERR(obj)) {
		mutex_unlock(&ns->mutex);
		return ERR_CAST(obj);
	}
	ret = rhashtable_lookup_insert_key(&ns->names, &key, &obj->hnode,
					   kevent_name_params);
	if (ret) {
		mutex_unlock(&ns->mutex);
		kevent_put(&obj->event);
		return ERR_PTR(ret);
	}
	ret = xa_alloc_cyclic(&ns->ids, &obj->id, obj, xa_limit_31b,
			      &ns->next_id, GFP_KERNEL_ACCOUNT);
	if (ret < 0) {
		rhashtable_remove_fast(&ns->names, &obj->hnode,
				       kevent_name_params);
		mutex_unlock(&ns->mutex);
		kevent_put(&obj->event);
		return ERR_PTR(ret);
	}
	obj->hashed = true;

make_permanent:
	if (flags & KEVENT_CREATE_PERMANENT)
		__kevent_make_permanent(obj);
	trace_kevent_create(obj, *existed);
	mutex_unlock(&ns->mutex);
	return &obj->event;

err_put:
	mutex_unlock(&ns->mutex);
	kevent_put(&obj->event);
	return ERR_PTR(ret);
}

/**
 * kevent_open_in() - open an existing named event
 * @ns:           namespace state (referenced by the caller)
 * @name:         normalized name
 * @name_len:     its length
 * @check_access: access to check (KEVENT_ACCESS_*), 0 for the kernel
 *
 * Context: Process context; takes @ns->mutex.
 * Return: a referenced event, ERR_PTR(-ENOENT) or ERR_PTR(-EACCES).
 */
struct kevent *kevent_open_in(struct kevent_ns *ns, const char *name,
			      u32 name_len, u32 check_access)
{
	struct kevent_name_key key = { .name = name, .len = name_len };
	struct kevent_object *obj;
	int ret;

	mutex_lock(&ns->mutex);
	obj = kevent_lookup(ns, &key, NULL);
	mutex_unlock(&ns->mutex);
	if (!obj)
		return ERR_PTR(-ENOENT);
	ret = check_access ? kevent_permission(obj, check_access) : 0;
	if (ret) {
		kevent_put(&obj->event);
		return ERR_PTR(ret);
	}
	return &obj->event;
}

/**
 * kevent_unlink_in() - make a permanent event temporary again
 * @ns:       namespace state (referenced by the caller)
 * @name:     normalized name
 * @name_len: its length
 *
 * Drops the reference that KEVENT_CREATE_PERMANENT took: the event, and
 * its name, then live only as long as handles or kernel references do
 * (ZwMakeTemporaryObject).
 *
 * Context: Process context; takes @ns->mutex. The caller checked the
 * privilege.
 * Return: 0, -ENOENT, or -EINVAL if the event is not permanent.
 */
int kevent_unlink_in(struct kevent_ns *ns, const char *name, u32 name_len)
{
	struct kevent_name_key key = { .name = name, .len = name_len };
	struct kevent_object *obj;
	bool permanent;

	mutex_lock(&ns->mutex);
	obj = kevent_lookup(ns, &key, NULL);
	if (!obj) {
		mutex_unlock(&ns->mutex);
		return -ENOENT;
	}
	permanent = obj->permanent;
	obj->permanent = false;
	mutex_unlock(&ns->mutex);

	if (permanent)
		kevent_put(&obj->event);
	kevent_put(&obj->event);
	return permanent ? 0 : -EINVAL;
}

/**
 * kevent_free() - free an event whose last reference is gone
 * @obj: the event
 *
 * Context: Process context (the release work item).
 */
void kevent_free(struct kevent_object *obj)
{
	struct kevent_ns *ns = obj->ns;

	WARN_ON(!list_empty(&obj->event.waiters));
	/* A poller wake-up deferred on PREEMPT_RT may still be pending. */
	irq_work_sync(&obj->poll_work);
	if (obj->name_len) {
		mutex_lock(&ns->mutex);
		kevent_unhash(obj);
		mutex_unlock(&ns->mutex);
	}
	kfree_rcu(obj, rcu);
	kevent_ns_put(ns);
}

/* Find a permanent event and make it temporary; NULL when none is left. */
static struct kevent_object *kevent_take_permanent(void)
{
	struct kevent_ns *ns;
	struct kevent_object *obj;

	mutex_lock(&kevent_registry_mutex);
	list_for_each_entry(ns, &kevent_ns_list, node) {
		unsigned long id;

		mutex_lock(&ns->mutex);
		xa_for_each(&ns->ids, id, obj) {
			if (obj->permanent) {
				obj->permanent = false;
				mutex_unlock(&ns->mutex);
				mutex_unlock(&kevent_registry_mutex);
				return obj;
			}
		}
		mutex_unlock(&ns->mutex);
	}
	mutex_unlock(&kevent_registry_mutex);
	return NULL;
}

/*
 * At unload no file and no dependent module holds an event, so only the
 * permanent references are left: drop them, and every event goes.
 */
void kevent_names_exit(void)
{
	struct kevent_object *obj;

	while ((obj = kevent_take_permanent()))
		kevent_put(&obj->event);
}
