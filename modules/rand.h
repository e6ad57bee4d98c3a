/*
 * rand.h: random hex strings from getrandom(2), for session ids, CSRF
 * tokens, request ids and the store's file names.
 */
#ifndef PR_RAND_H
#define PR_RAND_H

#include <stddef.h>

/*
 * rand_hex() writes n random lowercase hex digits and a NUL into out
 * (n + 1 bytes, n at most 128).  It never fails: if the kernel cannot
 * give randomness the process aborts rather than hand out guessable ids.
 */
void	 rand_hex(char *out, size_t n);

#endif /* PR_RAND_H */
