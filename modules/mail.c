/*
 * mail.c: hand a message to the site's sendmail command.
 *
 * Addresses come from the users file, never from a request, and are
 * checked again here: no CR, LF, comma or angle bracket, so a header can
 * never be forged through them.  The subject is base64-encoded (RFC 2047)
 * whenever it is not plain ASCII, which also keeps any CR or LF out of the
 * header.  The command runs with a clean environment and its own process
 * group; a command that hangs is killed after MAIL_TIMEOUT seconds.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "lim.h"
#include "mail.h"

#define MAIL_TIMEOUT	10	/* seconds */
#define MAIL_WORD_BYTES	45	/* text per encoded-word: 60 base64 + 12 = 72 */
#define MAIL_PLAIN_MAX	70	/* a longer ASCII subject is encoded too */

static int
address_ok(const char *a)
{
	size_t	 n = strlen(a);

	return n > 2 && n <= LIM_EMAIL_MAX && strchr(a, '@') != NULL &&
	    strpbrk(a, "\r\n,<>\"() ;:\\") == NULL;
}

static void
base64(struct buf *b, const unsigned char *s, size_t n)
{
	static const char	 t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t			 i;
	unsigned		 v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		buf_putc(b, t[v >> 18 & 63]);
		buf_putc(b, t[v >> 12 & 63]);
		buf_putc(b, t[v >> 6 & 63]);
		buf_putc(b, t[v & 63]);
	}
	if (n - i == 1) {
		v = (unsigned)s[i] << 16;
		buf_putc(b, t[v >> 18 & 63]);
		buf_putc(b, t[v >> 12 & 63]);
		buf_puts(b, "==");
	} else if (n - i == 2) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8;
		buf_putc(b, t[v >> 18 & 63]);
		buf_putc(b, t[v >> 12 & 63]);
		buf_putc(b, t[v >> 6 & 63]);
		buf_putc(b, '=');
	}
}

/*
 * A header's text: as is when it is short plain ASCII, else RFC 2047
 * encoded-words of at most 75 characters (45 bytes of text each, never
 * cut inside a UTF-8 sequence), folded onto continuation lines.
 */
static void
header_text(struct buf *b, const char *s)
{
	const unsigned char	*p;
	size_t			 len = strlen(s), i, n;
	int			 plain = 1;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			plain = 0;
	if (plain && len <= MAIL_PLAIN_MAX) {
		buf_puts(b, s);
		return;
	}
	for (i = 0; i < len; i += n) {
		n = len - i < MAIL_WORD_BYTES ? len - i : MAIL_WORD_BYTES;
		/* Back off to the start of a UTF-8 sequence. */
		while (n > 1 && i + n < len &&
		    ((unsigned char)s[i + n] & 0xC0) == 0x80)
			n--;
		if (i > 0)
			buf_puts(b, "\n ");
		buf_puts(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)s + i, n);
		buf_puts(b, "?=");
	}
}

enum err
mail_send(const struct conf *c, struct arena *a, const char *const *to,
    size_t n, const char *subject, const char *body)
{
	struct buf	 m;
	char		 date[64];
	time_t		 now = time(NULL), start;
	struct tm	 tm;
	size_t		 i, kept = 0;
	pid_t		 pid, w;
	int		 fds[2], st;
	char		*const envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
			    NULL };

	if (c->mail_command[0] == '\0')
		return ERR_OK;
	buf_init(&m, a);
	buf_puts(&m, "To: ");
	for (i = 0; i < n; i++) {
		if (to[i] == NULL || !address_ok(to[i]))
			continue;
		buf_printf(&m, "%s%s", kept > 0 ? ", " : "", to[i]);
		kept++;
	}
	if (kept == 0)
		return ERR_OK;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(&m, "\nFrom: %s\nDate: %s\nSubject: ",
	    address_ok(c->mail_from) ? c->mail_from : "pressroom@localhost",
	    date);
	header_text(&m, subject);
	buf_puts(&m, "\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Auto-Submitted: auto-generated\n\n");
	buf_puts(&m, body);
	buf_putc(&m, '\n');

	if (pipe(fds) == -1)
		return ERR_IO;
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return ERR_IO;
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		/* The command's output goes to our log, not the response. */
		dup2(STDERR_FILENO, STDOUT_FILENO);
		execle("/bin/sh", "sh", "-c", c->mail_command, (char *)NULL,
		    envp);
		_exit(127);
	}
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	(void)io_write_all(fds[1], m.data, m.len);
	close(fds[1]);
	start = time(NULL);
	for (;;) {
		w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			break;
		if (w == -1 && errno != EINTR)
			return ERR_IO;
		if (time(NULL) - start > MAIL_TIMEOUT) {
			kill(-pid, SIGKILL);
			waitpid(pid, &st, 0);
			fprintf(stderr, "pressroom: mail_command took over %d "
			    "seconds and was stopped\n", MAIL_TIMEOUT);
			return ERR_IO;
		}
		usleep(10000);
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "pressroom: mail_command failed (status %d)\n",
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return ERR_IO;
	}
	return ERR_OK;
}
