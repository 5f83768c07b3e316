// SPDX-License-Identifier: GPL-2.0
/*
 * UTF-16 names for drivers ported from Windows: an NT kernel name is a
 * counted UTF-16 string (UNICODE_STRING), kevent's names are UTF-8. The
 * conversion is strict: an unpaired surrogate or a NUL is an invalid
 * name, never replaced or truncated, so that two different UTF-16 names
 * can never meet in one kevent name. No locks.
 */
#include <linux/err.h>
#include <linux/kevent.h>
#include <linux/module.h>
#include <linux/slab.h>

/* Longest UTF-8 name accepted here: "\BaseNamedObjects\Global\" and a name. */
#define KEVENT_UTF16_NAME_MAX	(KEVENT_NAME_MAX + 32)

/*
 * Convert @len UTF-16 code units at @name to a NUL-terminated UTF-8 string
 * in @buf of @size bytes. Return: 0, -EINVAL (a NUL or an unpaired
 * surrogate) or -ENAMETOOLONG.
 */
static int kevent_utf16_to_utf8(const u16 *name, unsigned int len, char *buf,
				size_t size)
{
	size_t out = 0;
	unsigned int i;

	for (i = 0; i < len; i++) {
		u32 c = name[i];
		u8 bytes[4];
		int n, k;

		if (c >= 0xd800 && c <= 0xdbff) {
			if (i + 1 >= len || name[i + 1] < 0xdc00 ||
			    name[i + 1] > 0xdfff)
				return -EINVAL;
			c = 0x10000 + ((c - 0xd800) << 10) + (name[++i] - 0xdc00);
		} else if ((c >= 0xdc00 && c <= 0xdfff) || !c) {
			return -EINVAL;
		}

		if (c < 0x80) {
			bytes[0] = c;
			n = 1;
		} else if (c < 0x800) {
			bytes[0] = 0xc0 | (c >> 6);
			bytes[1] = 0x80 | (c & 0x3f);
			n = 2;
		} else if (c < 0x10000) {
			bytes[0] = 0xe0 | (c >> 12);
			bytes[1] = 0x80 | ((c >> 6) & 0x3f);
			bytes[2] = 0x80 | (c & 0x3f);
			n = 3;
		} else {
			bytes[0] = 0xf0 | (c >> 18);
			bytes[1] = 0x80 | ((c >> 12) & 0x3f);
			bytes[2] = 0x80 | ((c >> 6) & 0x3f);
			bytes[3] = 0x80 | (c & 0x3f);
			n = 4;
		}
		if (out + n >= size)
			return -ENAMETOOLONG;
		for (k = 0; k < n; k++)
			buf[out++] = bytes[k];
	}
	buf[out] = '\0';
	return 0;
}

/* A kmalloc'ed UTF-8 copy of a UTF-16 name, or an ERR_PTR. */
static char *kevent_utf16_name(const u16 *name, unsigned int len)
{
	char *buf;
	int ret;

	if (!name || !len)
		return ERR_PTR(-EINVAL);
	buf = kmalloc(KEVENT_UTF16_NAME_MAX + 1, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	ret = kevent_utf16_to_utf8(name, len, buf, KEVENT_UTF16_NAME_MAX + 1);
	if (ret) {
		kfree(buf);
		return ERR_PTR(ret);
	}
	return buf;
}

/**
 * kevent_create_utf16() - kevent_create() with a UTF-16 name
 * @name:    UTF-16 code units (not NUL-terminated; an UNICODE_STRING's
 *           Buffer), converted to UTF-8
 * @len:     number of code units
 * @flags:   as for kevent_create()
 * @mode:    as for kevent_create()
 * @ipc_ns:  as for kevent_create()
 * @existed: as for kevent_create()
 *
 * Context: Process context; may sleep.
 * Return: a referenced event, or an ERR_PTR as kevent_create(); -EINVAL
 * also for an empty name, a NUL or an unpaired surrogate.
 */
struct kevent *kevent_create_utf16(const u16 *name, unsigned int len,
				   u32 flags, umode_t mode,
				   struct ipc_namespace *ipc_ns, bool *existed)
{
	char *utf8 = kevent_utf16_name(name, len);
	struct kevent *ev;

	if (IS_ERR(utf8))
		return ERR_CAST(utf8);
	ev = kevent_create(utf8, flags, mode, ipc_ns, existed);
	kfree(utf8);
	return ev;
}
EXPORT_SYMBOL_GPL(kevent_create_utf16);

/**
 * kevent_open_utf16() - kevent_open() with a UTF-16 name
 * @name:   UTF-16 code units, as for kevent_create_utf16()
 * @len:    number of code units
 * @ipc_ns: as for kevent_open()
 *
 * Context: Process context; may sleep.
 * Return: a referenced event, or an ERR_PTR as kevent_open(); -EINVAL
 * also for an invalid UTF-16 name.
 */
struct kevent *kevent_open_utf16(const u16 *name, unsigned int len,
				 struct ipc_namespace *ipc_ns)
{
	char *utf8 = kevent_utf16_name(name, len);
	struct kevent *ev;

	if (IS_ERR(utf8))
		return ERR_CAST(utf8);
	ev = kevent_open(utf8, ipc_ns);
	kfree(utf8);
	return ev;
}
EXPORT_SYMBOL_GPL(kevent_open_utf16);
