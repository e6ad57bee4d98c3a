/*
 * render.h: a release as the public will see it, for templates.
 *
 * The same function fills the preview that staff see and (later) the
 * public page, so the preview is exact by construction.
 */
#ifndef PR_RENDER_H
#define PR_RENDER_H

#include "arena.h"
#include "release.h"
#include "slug.h"
#include "tmpl.h"

/*
 * render_markdown() turns CommonMark into HTML with libcmark, raw HTML
 * and dangerous link schemes suppressed (cmark's safe default).  The
 * result lives in the arena.
 */
char	*render_markdown(struct arena *, const char *text);

/*
 * render_paragraphs() escapes plain text and makes a paragraph of each
 * block separated by a blank line, and a <br> of each single newline.
 */
char	*render_paragraphs(struct arena *, const char *text);

/*
 * render_attachments() adds the list "attachments" of r (aid, name, type
 * in words, size, dimensions, caption, credit, image, first, last) and
 * has_attachments.
 */
void	 render_attachments(struct arena *, struct tdict *d,
	    const struct release *);

/*
 * render_release() sets the release's public fields in d: title,
 * subtitle, city, date (YYYY-MM-DD), date_text (the date in words, in the
 * release's language if there is a catalogue for it, else in the
 * interface's), lang, topics (a list; has_topics when there is
 * one), its attachments (render_attachments()), and the trusted markup
 * lead_html, body_html and contacts_html.
 */
void	 render_release(struct arena *, struct tdict *d,
	    const struct release *);

/*
 * render_diff() adds to d a list "changes", one item per editable field
 * that differs between old and new: "field" (its name), "field_label"
 * (its label, in the interface's language) and the trusted
 * markup "diff_html", lines marked with <del> and <ins>.  has_changes is
 * set when there is at least one.
 */
void	 render_diff(struct arena *, struct tdict *d,
	    const struct release *old, const struct release *new);

/*
 * render_passage() sets key in d to the trusted markup of a passage of
 * text around the first word that folds to one of terms (slug_word()),
 * about a line before and two after, with "…" where it was cut and every
 * matching word in <mark>; the start of the text if none matches.
 */
void	 render_passage(struct arena *, struct tdict *d, const char *key,
	    const char *text, char (*terms)[SLUG_WORD_MAX + 1], size_t nterms);

#endif /* PR_RENDER_H */
