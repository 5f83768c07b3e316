/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent_nt.h - the NT kernel's event API, for drivers ported from Windows.
 *
 * A Windows driver's event code compiles against this header with few
 * changes: the WDK's types, constants and functions, with the WDK's
 * signatures and meanings, implemented on kevent (include/linux/kevent.h).
 * docs/porting-from-windows.md lists every function with its kevent
 * equivalent and every difference in behaviour. The ones to know:
 *
 * - KEVENT is struct kevent: embed it, KeInitializeEvent() it. An event
 *   from IoCreate*Event(), ZwCreateEvent()/ZwOpenEvent() or
 *   ObReferenceObjectByHandle() is a refcounted kevent object; all of them
 *   mix in one KeWaitForMultipleObjects().
 * - A user-mode HANDLE is an application's event file descriptor, passed
 *   as (HANDLE)(uintptr_t)fd and looked up in the calling process. A
 *   kernel HANDLE (from IoCreate*Event, ZwCreateEvent, ZwOpenEvent) is an
 *   entry of kevent's handle table holding a reference; ZwClose() drops
 *   it. A value that is neither is STATUS_INVALID_HANDLE, never followed.
 * - Kernel names: "\BaseNamedObjects\NAME" is the event that applications
 *   call "NAME" (CreateEvent(L"NAME")), in the initial IPC namespace.
 *   UNICODE_STRING names are UTF-16, converted to kevent's UTF-8 names;
 *   invalid UTF-16 is STATUS_OBJECT_NAME_INVALID.
 * - KeSetEvent()'s Increment is ignored and Wait == TRUE behaves as FALSE
 *   (there is no "next wait at the same IRQL" on Linux).
 * - KeWaitFor*(): Alertable == TRUE ends the wait with STATUS_ALERTED when
 *   a signal arrives. A non-alertable wait with WaitMode == UserMode ends
 *   only on a fatal signal (the process is being killed; STATUS_ALERTED
 *   too); with KernelMode it cannot be interrupted. WaitReason is ignored.
 * - Count > MAXIMUM_WAIT_OBJECTS is STATUS_INVALID_PARAMETER, not a bug
 *   check; so are Count == 0, a missing WaitBlockArray for more than
 *   THREAD_WAIT_OBJECTS objects and one event twice in a WaitAll.
 *
 * Context: as for the kevent functions each one calls: the state changes
 * work from any context, hardirq included (like KeSetEvent at
 * DISPATCH_LEVEL or above); waits, names and handles need process context
 * (PASSIVE_LEVEL). Locking: kevent's own, see module/kevent_core.c.
 *
 * The WDK's CamelCase names and typedefs are the point of this header:
 * checkpatch's CAMELCASE and NEW_TYPEDEFS checks are exempted for it alone
 * (scripts/check).
 */
#ifndef _LINUX_KEVENT_NT_H
#define _LINUX_KEVENT_NT_H

#include <linux/err.h>
#include <linux/kevent.h>
#include <linux/limits.h>
#include <linux/overflow.h>
#include <linux/types.h>

/* Basic types */
typedef unsigned char BOOLEAN, *PBOOLEAN;
typedef char CCHAR;
typedef s32 LONG, *PLONG;
typedef u32 ULONG, *PULONG;
typedef u16 USHORT;
typedef u16 WCHAR, *PWSTR;
typedef const u16 *PCWSTR;
typedef void VOID, *PVOID;
typedef LONG NTSTATUS;
typedef LONG KPRIORITY;
typedef ULONG ACCESS_MASK;
typedef void *HANDLE, **PHANDLE;

#ifndef TRUE
#define TRUE	1
#endif
#ifndef FALSE
#define FALSE	0
#endif

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	s64 QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef struct _UNICODE_STRING {
	USHORT Length;		/* bytes, without a terminating NUL */
	USHORT MaximumLength;	/* bytes */
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const struct _UNICODE_STRING *PCUNICODE_STRING;

/* Events */
typedef struct kevent KEVENT, *PKEVENT, *PRKEVENT;

typedef enum _EVENT_TYPE {
	NotificationEvent,
	SynchronizationEvent
} EVENT_TYPE;

typedef enum _WAIT_TYPE {
	WaitAll,
	WaitAny
} WAIT_TYPE;

/* Why a thread waits: recorded by Windows, ignored here. */
typedef enum _KWAIT_REASON {
	Executive = 0,
	FreePage,
	PageIn,
	PoolAllocation,
	DelayExecution,
	Suspended,
	UserRequest,
	WrExecutive,
	WrFreePage,
	WrPageIn,
	WrPoolAllocation,
	WrDelayExecution,
	WrSuspended,
	WrUserRequest
} KWAIT_REASON;

typedef CCHAR KPROCESSOR_MODE;
enum _MODE {
	KernelMode,
	UserMode,
	MaximumMode
};

/*
 * Wait blocks: Windows keeps the wait's bookkeeping in them. kevent keeps
 * its own (on the stack for a few events), so the array is only required
 * where Windows requires it and its contents are never touched.
 */
typedef struct _KWAIT_BLOCK {
	void *Reserved[6];
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;

/* Object types: events are the only type kevent has. */
typedef const struct _OBJECT_TYPE *POBJECT_TYPE;
#define KEVENT_NT_EVENT_OBJECT_TYPE	((POBJECT_TYPE)0x45564e54UL)
static POBJECT_TYPE const __kevent_nt_event_object_type __maybe_unused =
	KEVENT_NT_EVENT_OBJECT_TYPE;
/* As in the WDK, a pointer to the type: pass *ExEventObjectType. */
#define ExEventObjectType	(&__kevent_nt_event_object_type)

typedef struct _OBJECT_HANDLE_INFORMATION {
	ULONG HandleAttributes;
	ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;

typedef struct _OBJECT_ATTRIBUTES {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

#define OBJ_INHERIT		0x00000002L
#define OBJ_PERMANENT		0x00000010L
#define OBJ_EXCLUSIVE		0x00000020L
#define OBJ_CASE_INSENSITIVE	0x00000040L
#define OBJ_OPENIF		0x00000080L
#define OBJ_KERNEL_HANDLE	0x00000200L

/* A macro in the WDK; a function here, called the same way. */
static inline VOID InitializeObjectAttributes(POBJECT_ATTRIBUTES p,
					      PUNICODE_STRING n, ULONG a,
					      HANDLE r, PVOID s)
{
	p->Length = sizeof(OBJECT_ATTRIBUTES);
	p->RootDirectory = r;
	p->Attributes = a;
	p->ObjectName = n;
	p->SecurityDescriptor = s;
	p->SecurityQualityOfService = NULL;
}

/* Status codes */
#define STATUS_SUCCESS			((NTSTATUS)0x00000000L)
#define STATUS_WAIT_0			((NTSTATUS)0x00000000L)
#define STATUS_ALERTED			((NTSTATUS)0x00000101L)
#define STATUS_TIMEOUT			((NTSTATUS)0x00000102L)
#define STATUS_OBJECT_NAME_EXISTS	((NTSTATUS)0x40000000L)
#define STATUS_INVALID_HANDLE		((NTSTATUS)0xC0000008L)
#define STATUS_INVALID_PARAMETER	((NTSTATUS)0xC000000DL)
#define STATUS_ACCESS_DENIED		((NTSTATUS)0xC0000022L)
#define STATUS_OBJECT_TYPE_MISMATCH	((NTSTATUS)0xC0000024L)
#define STATUS_OBJECT_NAME_INVALID	((NTSTATUS)0xC0000033L)
#define STATUS_OBJECT_NAME_NOT_FOUND	((NTSTATUS)0xC0000034L)
#define STATUS_OBJECT_NAME_COLLISION	((NTSTATUS)0xC0000035L)
#define STATUS_INSUFFICIENT_RESOURCES	((NTSTATUS)0xC000009AL)
#define STATUS_NOT_SUPPORTED		((NTSTATUS)0xC00000BBL)

#define NT_SUCCESS(Status)	(((NTSTATUS)(Status)) >= 0)

/* Waits */
#define THREAD_WAIT_OBJECTS	3
#define MAXIMUM_WAIT_OBJECTS	KEVENT_WAIT_MAX

/* Access rights */
#define DELETE				0x00010000L
#define READ_CONTROL			0x00020000L
#define WRITE_DAC			0x00040000L
#define WRITE_OWNER			0x00080000L
#define SYNCHRONIZE			0x00100000L
#define STANDARD_RIGHTS_REQUIRED	0x000F0000L
#define EVENT_QUERY_STATE		0x0001
#define EVENT_MODIFY_STATE		0x0002
#define EVENT_ALL_ACCESS		(STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3)

/* Mode of the named events the NT functions create: as IoCreate*Event's. */
#define KEVENT_NT_MODE		KEVENT_KERNEL_MODE

/* --- helpers, not part of the WDK ------------------------------------- */

/* An errno of the kevent API as the NTSTATUS a Windows driver expects. */
static inline NTSTATUS kevent_nt_status(int err)
{
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case -ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case -EACCES:
	case -EPERM:
		return STATUS_ACCESS_DENIED;
	case -EBADF:
		return STATUS_INVALID_HANDLE;
	case -ENOMEM:
	case -ENOSPC:
		return STATUS_INSUFFICIENT_RESOURCES;
	case -EEXIST:
		return STATUS_OBJECT_NAME_COLLISION;
	case -ETIMEDOUT:
		return STATUS_TIMEOUT;
	case -EINTR:
		return STATUS_ALERTED;
	default:
		return STATUS_INVALID_PARAMETER;
	}
}

/* A name's errno: -EINVAL and -ENAMETOOLONG are an invalid name there. */
static inline NTSTATUS kevent_nt_name_status(int err)
{
	if (err == -EINVAL || err == -ENAMETOOLONG)
		return STATUS_OBJECT_NAME_INVALID;
	return kevent_nt_status(err);
}

/* KEVENT_ACCESS_* that an NT access mask asks for. */
static inline u32 kevent_nt_access(ACCESS_MASK access)
{
	u32 kaccess = 0;

	if (access & (SYNCHRONIZE | EVENT_QUERY_STATE))
		kaccess |= KEVENT_ACCESS_WAIT;
	if (access & EVENT_MODIFY_STATE)
		kaccess |= KEVENT_ACCESS_MODIFY;
	return kaccess;
}

/*
 * A kernel HANDLE is an entry of kevent's handle table (the top bit set,
 * as NT's kernel handles); a user HANDLE is an fd, 0 to INT_MAX. Anything
 * else is no handle. Only kevent_handle_get() turns a value into an event:
 * a forged value is never dereferenced.
 */
static inline bool kevent_nt_is_kernel_handle(HANDLE h)
{
	return ((uintptr_t)h & KEVENT_KERNEL_HANDLE_BASE) != 0;
}

/* NT rights of KEVENT_ACCESS_* @kaccess. */
static inline ACCESS_MASK kevent_nt_granted(u32 kaccess)
{
	ACCESS_MASK access = 0;

	if (kaccess & KEVENT_ACCESS_WAIT)
		access |= SYNCHRONIZE | EVENT_QUERY_STATE;
	if (kaccess & KEVENT_ACCESS_MODIFY)
		access |= EVENT_MODIFY_STATE;
	return access;
}

/* Publish referenced @ev as a new kernel handle in *@handle. */
static inline int kevent_nt_handle(struct kevent *ev, PHANDLE handle)
{
	unsigned long h;
	int ret = kevent_handle_open(ev, &h);

	if (!ret)
		*handle = (HANDLE)h;
	return ret;
}

/* --- the WDK's functions ---------------------------------------------- */

static inline VOID RtlInitUnicodeString(PUNICODE_STRING DestinationString,
					PCWSTR SourceString)
{
	size_t len = 0;

	if (SourceString)
		while (SourceString[len])
			len++;
	/* Like Windows, a string too long for a USHORT count is cut short. */
	if (len > (U16_MAX - sizeof(WCHAR)) / sizeof(WCHAR))
		len = (U16_MAX - sizeof(WCHAR)) / sizeof(WCHAR);
	DestinationString->Buffer = (PWSTR)SourceString;
	DestinationString->Length = len * sizeof(WCHAR);
	DestinationString->MaximumLength =
		SourceString ? (len + 1) * sizeof(WCHAR) : 0;
}

static inline VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type,
				     BOOLEAN State)
{
	kevent_init(Event, Type == NotificationEvent, State);
}

/* Increment is ignored; Wait == TRUE behaves as FALSE. */
static inline LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment,
			      BOOLEAN Wait)
{
	return kevent_set(Event);
}

static inline LONG KeResetEvent(PRKEVENT Event)
{
	return kevent_reset(Event);
}

static inline VOID KeClearEvent(PRKEVENT Event)
{
	kevent_clear(Event);
}

static inline LONG KePulseEvent(PRKEVENT Event, KPRIORITY Increment,
				BOOLEAN Wait)
{
	return kevent_pulse(Event);
}

static inline LONG KeReadStateEvent(PRKEVENT Event)
{
	return kevent_read_state(Event);
}

/*
 * An NT timeout as kevent_wait_multiple()'s timeout and flags: NULL waits
 * forever, 0 polls, a negative value is relative in 100 ns units, a
 * positive one absolute system time (100 ns units since 1601-01-01 UTC).
 */
static inline u64 kevent_nt_timeout(const LARGE_INTEGER *timeout, u32 *flags)
{
	/* 1601-01-01 to 1970-01-01 in 100 ns units. */
	const s64 epoch = 116444736000000000LL;
	s64 t;
	u64 ns;

	if (!timeout)
		return KEVENT_TIMEOUT_INFINITE;
	t = timeout->QuadPart;
	if (t <= 0) {
		/* -S64_MIN overflows: that is the longest wait there is. */
		if (t == S64_MIN || check_mul_overflow((u64)-t, 100ULL, &ns))
			return KEVENT_TIMEOUT_INFINITE;
		return ns;
	}
	*flags |= KEVENT_WAIT_ABSOLUTE | KEVENT_WAIT_REALTIME;
	if (t <= epoch)
		return 0;	/* before 1970: already past */
	if (check_mul_overflow((u64)(t - epoch), 100ULL, &ns))
		return S64_MAX;
	return ns;
}

static inline NTSTATUS KeWaitForMultipleObjects(ULONG Count, PVOID Object[],
						WAIT_TYPE WaitType,
						KWAIT_REASON WaitReason,
						KPROCESSOR_MODE WaitMode,
						BOOLEAN Alertable,
						PLARGE_INTEGER Timeout,
						PKWAIT_BLOCK WaitBlockArray)
{
	u32 flags = 0;
	u64 timeout;
	ULONG i;
	int ret;

	if (!Count || Count > MAXIMUM_WAIT_OBJECTS || !Object ||
	    (Count > THREAD_WAIT_OBJECTS && !WaitBlockArray) ||
	    (WaitType != WaitAll && WaitType != WaitAny))
		return STATUS_INVALID_PARAMETER;
	for (i = 0; i < Count; i++)
		if (!Object[i])
			return STATUS_INVALID_PARAMETER;
	if (WaitType == WaitAll)
		flags |= KEVENT_WAIT_ALL;
	if (Alertable)
		flags |= KEVENT_WAIT_INTERRUPTIBLE;
	else if (WaitMode == UserMode)
		flags |= KEVENT_WAIT_KILLABLE;
	timeout = kevent_nt_timeout(Timeout, &flags);
	ret = kevent_wait_multiple((struct kevent **)Object, Count, timeout,
				   flags);
	if (ret >= 0)
		return STATUS_WAIT_0 + (WaitType == WaitAny ? ret : 0);
	return kevent_nt_status(ret);
}

static inline NTSTATUS KeWaitForSingleObject(PVOID Object,
					     KWAIT_REASON WaitReason,
					     KPROCESSOR_MODE WaitMode,
					     BOOLEAN Alertable,
					     PLARGE_INTEGER Timeout)
{
	return KeWaitForMultipleObjects(1, &Object, WaitAny, WaitReason,
					WaitMode, Alertable, Timeout, NULL);
}

/* Names and handles */

/* A UNICODE_STRING's code units, or -EINVAL for an odd or empty length. */
static inline int kevent_nt_name_len(PCUNICODE_STRING name)
{
	if (!name || !name->Buffer || !name->Length ||
	    name->Length % sizeof(WCHAR))
		return -EINVAL;
	return name->Length / sizeof(WCHAR);
}

/*
 * IoCreateNotificationEvent() and IoCreateSynchronizationEvent(): open the
 * named event, or create it signaled (mode KEVENT_NT_MODE: everyone may
 * wait, root may set). *EventHandle keeps the event, and its name, alive
 * until ZwClose(); the returned pointer is valid as long. NULL on failure.
 */
static inline PKEVENT kevent_nt_io_create(PUNICODE_STRING EventName,
					  PHANDLE EventHandle, u32 flags)
{
	int len = kevent_nt_name_len(EventName);
	struct kevent *ev;

	if (len < 0 || !EventHandle)
		return NULL;
	ev = kevent_create_utf16(EventName->Buffer, len,
				 flags | KEVENT_CREATE_INITIAL_SET,
				 KEVENT_NT_MODE, NULL, NULL);
	if (IS_ERR(ev) || kevent_nt_handle(ev, EventHandle))
		return NULL;
	return ev;
}

static inline PKEVENT IoCreateNotificationEvent(PUNICODE_STRING EventName,
						PHANDLE EventHandle)
{
	return kevent_nt_io_create(EventName, EventHandle,
				   KEVENT_CREATE_MANUAL_RESET);
}

static inline PKEVENT IoCreateSynchronizationEvent(PUNICODE_STRING EventName,
						   PHANDLE EventHandle)
{
	return kevent_nt_io_create(EventName, EventHandle, 0);
}

/*
 * ZwCreateEvent(): create a named or unnamed event, or with OBJ_OPENIF
 * open an existing named one (STATUS_OBJECT_NAME_EXISTS); without it an
 * existing name is STATUS_OBJECT_NAME_COLLISION. OBJ_PERMANENT is not
 * supported from drivers (STATUS_INVALID_PARAMETER); DesiredAccess is
 * granted in full, as to a kernel handle on Windows.
 */
static inline NTSTATUS ZwCreateEvent(PHANDLE EventHandle,
				     ACCESS_MASK DesiredAccess,
				     POBJECT_ATTRIBUTES ObjectAttributes,
				     EVENT_TYPE EventType,
				     BOOLEAN InitialState)
{
	u32 flags = 0;
	bool existed = false;
	struct kevent *ev;
	int len;

	if (!EventHandle ||
	    (EventType != NotificationEvent && EventType != SynchronizationEvent))
		return STATUS_INVALID_PARAMETER;
	if (ObjectAttributes && ObjectAttributes->Attributes & OBJ_PERMANENT)
		return STATUS_INVALID_PARAMETER;
	if (EventType == NotificationEvent)
		flags |= KEVENT_CREATE_MANUAL_RESET;
	if (InitialState)
		flags |= KEVENT_CREATE_INITIAL_SET;
	if (!ObjectAttributes || !ObjectAttributes->ObjectName) {
		ev = kevent_create(NULL, flags, KEVENT_NT_MODE, NULL, NULL);
	} else {
		len = kevent_nt_name_len(ObjectAttributes->ObjectName);
		if (len < 0)
			return STATUS_OBJECT_NAME_INVALID;
		if (!(ObjectAttributes->Attributes & OBJ_OPENIF))
			flags |= KEVENT_CREATE_NEW;
		ev = kevent_create_utf16(ObjectAttributes->ObjectName->Buffer,
					 len, flags, KEVENT_NT_MODE, NULL,
					 &existed);
	}
	if (IS_ERR(ev))
		return kevent_nt_name_status(PTR_ERR(ev));
	if (kevent_nt_handle(ev, EventHandle))
		return STATUS_INSUFFICIENT_RESOURCES;
	return existed ? STATUS_OBJECT_NAME_EXISTS : STATUS_SUCCESS;
}

/* ZwOpenEvent(): open an existing named event (a kernel handle). */
static inline NTSTATUS ZwOpenEvent(PHANDLE EventHandle,
				   ACCESS_MASK DesiredAccess,
				   POBJECT_ATTRIBUTES ObjectAttributes)
{
	struct kevent *ev;
	int len;

	if (!EventHandle || !ObjectAttributes)
		return STATUS_INVALID_PARAMETER;
	len = kevent_nt_name_len(ObjectAttributes->ObjectName);
	if (len < 0)
		return STATUS_OBJECT_NAME_INVALID;
	ev = kevent_open_utf16(ObjectAttributes->ObjectName->Buffer, len,
			       NULL);
	if (IS_ERR(ev))
		return kevent_nt_name_status(PTR_ERR(ev));
	if (kevent_nt_handle(ev, EventHandle))
		return STATUS_INSUFFICIENT_RESOURCES;
	return STATUS_SUCCESS;
}

/* ZwClose(): close a kernel handle (drops the event's reference). */
static inline NTSTATUS ZwClose(HANDLE Handle)
{
	if (kevent_handle_close((uintptr_t)Handle))
		return STATUS_INVALID_HANDLE;
	return STATUS_SUCCESS;
}

/*
 * ObReferenceObjectByHandle(): a referenced PKEVENT for a handle, released
 * with ObDereferenceObject(). A user handle is an event fd of the calling
 * process; with AccessMode == UserMode the fd must carry DesiredAccess
 * (STATUS_ACCESS_DENIED), a closed fd is STATUS_INVALID_HANDLE and another
 * kind of file STATUS_OBJECT_TYPE_MISMATCH. KernelMode checks no access
 * and also takes kernel handles; an unknown kernel handle is
 * STATUS_INVALID_HANDLE. ObjectType, if given, must be *ExEventObjectType.
 * HandleInformation->GrantedAccess gets the rights the handle carries.
 * (HANDLE)0 is fd 0, not an invalid handle as on Windows.
 */
static inline NTSTATUS ObReferenceObjectByHandle(HANDLE Handle,
						 ACCESS_MASK DesiredAccess,
						 POBJECT_TYPE ObjectType,
						 KPROCESSOR_MODE AccessMode,
						 PVOID *Object,
						 POBJECT_HANDLE_INFORMATION
						 HandleInformation)
{
	u32 granted = KEVENT_ACCESS_ALL;
	struct kevent *ev;

	if (!Object)
		return STATUS_INVALID_PARAMETER;
	if (ObjectType && ObjectType != KEVENT_NT_EVENT_OBJECT_TYPE)
		return STATUS_OBJECT_TYPE_MISMATCH;
	if (kevent_nt_is_kernel_handle(Handle)) {
		if (AccessMode != KernelMode)
			return STATUS_INVALID_HANDLE;
		ev = kevent_handle_get((uintptr_t)Handle);
		if (!ev)
			return STATUS_INVALID_HANDLE;
	} else {
		if ((uintptr_t)Handle > (uintptr_t)INT_MAX)
			return STATUS_INVALID_HANDLE;
		/* 0..INT_MAX here: the mask only tells the compiler. */
		ev = kevent_get_from_fd_granted((uintptr_t)Handle & INT_MAX,
						AccessMode == KernelMode ? 0 :
						kevent_nt_access(DesiredAccess),
						&granted);
		if (IS_ERR(ev))
			return PTR_ERR(ev) == -EINVAL ?
			       STATUS_OBJECT_TYPE_MISMATCH :
			       kevent_nt_status(PTR_ERR(ev));
	}
	if (HandleInformation) {
		HandleInformation->HandleAttributes = 0;
		HandleInformation->GrantedAccess = kevent_nt_granted(granted);
	}
	*Object = ev;
	return STATUS_SUCCESS;
}

static inline VOID ObDereferenceObject(PVOID Object)
{
	kevent_put(Object);
}

#endif /* _LINUX_KEVENT_NT_H */
