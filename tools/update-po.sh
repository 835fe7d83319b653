#!/usr/bin/env bash
# Keep the translations in step with the sources.
#
# Usage: tools/update-po.sh           regenerate po/POTFILES.in and po/shuzhi.pot, then merge
#                                     every po/<lang>.po of po/LINGUAS (existing translations
#                                     kept, no fuzzy matching, obsolete strings dropped)
#        tools/update-po.sh --list    print the files that have translatable strings, i.e. what
#                                     po/POTFILES.in must hold (changes nothing)
#        tools/update-po.sh --check   extract into a temporary folder and print, for each
#                                     language, the messages of the sources it does not
#                                     translate yet; exit 1 if there are any (changes nothing)
#
# Works on a fresh checkout: needs bash, git (optional), grep, awk and gettext, no build
# directory. In a git work tree only files git knows are listed: `git add` a new file first.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
export LC_ALL=C   # stable sort order and byte-wise grep

# Candidate files: those git tracks (or has been asked to add) when this is a git work
# tree, so that a shared work tree's untracked drafts do not leak into POTFILES.in;
# every file under src, ui and data otherwise (e.g. an unpacked tarball).
candidates () {
  if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$top" ls-files --cached -- src ui data | while IFS= read -r f; do
      if [ -f "$f" ]; then printf '%s\n' "$f"; fi
    done
  else
    find src ui data -type f 2>/dev/null
  fi
}

# Every file with a translatable string, relative to the top folder, sorted.
list_sources () {
  local all
  all=$(mktemp)
  candidates | sort -u > "$all"
  {
    # C: _(), N_(), C_(), NC_(), g_dngettext(), ngettext() — not part of a longer identifier.
    grep -E '^src/.*\.[ch]$' "$all" | tr '\n' '\0' |
      xargs -0 -r grep -lE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(' || true
    # GtkBuilder templates, menus and the help overlay.
    grep -E '^ui/.*\.ui$' "$all" | tr '\n' '\0' |
      xargs -0 -r grep -lE 'translatable="(yes|true)"' || true
    # Desktop entry, metainfo, GSettings schema (summaries and descriptions).
    grep -E '^data/[^/]*\.(desktop\.in|metainfo\.xml\.in|gschema\.xml)$' "$all" || true
  } | sort -u
  rm -f "$all"
}

# A sed script replacing GLib's printf macros (G_GINT64_FORMAT …) by their quoted values.
glib_format_sed () {
  local h="" d
  for d in $(pkg-config --cflags-only-I glib-2.0 2>/dev/null | sed 's/-I//g') /usr/lib/*/glib-2.0/include; do
    if [ -f "$d/glibconfig.h" ]; then h=$d/glibconfig.h; break; fi
  done
  [ -n "$h" ] || return 0
  # Aliases first (G_GOFFSET_FORMAT → G_GINT64_FORMAT), then the values.
  sed -n 's/^#define[[:space:]]\{1,\}\(G_G[A-Z0-9]*_\(FORMAT\|MODIFIER\)\)[[:space:]]\{1,\}\(G_G[A-Z0-9]*_\(FORMAT\|MODIFIER\)\)[[:space:]]*$/s\/\\<\1\\>\/\3\/g/p' "$h"
  sed -n 's/^#define[[:space:]]\{1,\}\(G_G[A-Z0-9]*_\(FORMAT\|MODIFIER\)\)[[:space:]]\{1,\}\("[^"]*"\)[[:space:]]*$/s\/\\<\1\\>\/\3\/g/p' "$h"
}

languages () {
  grep -v '^#' po/LINGUAS | tr ' ' '\n' | sed '/^$/d'
}

# extract_pot LIST OUT: the template of the files named in LIST (one a line).
extract_pot () {
  local list=$1 out=$2 w
  local version
  version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" meson.build | head -n1)
  w=$(mktemp -d)
  local common=(--from-code=UTF-8 --add-comments=Translators --sort-by-file --no-wrap
                --package-name=shuzhi --package-version="$version"
                --msgid-bugs-address=https://github.com/shuzhi/shuzhi/issues)
  local parts=()

  grep -E '\.(c|h)$' "$list" > "$w/c" || true
  grep -E '\.ui$' "$list" > "$w/ui" || true
  grep -E '\.desktop\.in$' "$list" > "$w/desktop" || true
  grep -E '\.(metainfo|appdata)\.xml\.in$' "$list" > "$w/metainfo" || true
  grep -E '\.gschema\.xml$' "$list" > "$w/gschema" || true

  if [ -s "$w/c" ]; then
    # xgettext cannot expand GLib's format macros: _("row %" G_GINT64_FORMAT) would become
    # the msgid "row %", which no lookup ever matches. Extract from copies where each macro
    # is replaced by its value in this machine's glibconfig.h, so the msgid is the string the
    # compiled code looks up ("row %li" on 64-bit Linux) — right only where glibconfig.h says
    # the same. Prefer "%" PRId64 / PRIu64 (<inttypes.h>) inside _(): xgettext keeps those as
    # "%<PRId64>" and gettext resolves them on every platform, and every translatable string
    # of src/ uses them now; the substitution stays as a safety net for a new string.
    glib_format_sed > "$w/formats.sed"
    while read -r f; do
      mkdir -p "$w/csrc/$(dirname "$f")"
      sed -f "$w/formats.sed" "$f" > "$w/csrc/$f"
    done < "$w/c"
    xgettext "${common[@]}" --language=C --directory="$w/csrc" --files-from="$w/c" --output="$w/c.pot" \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
      --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
      --flag=g_dngettext:2:pass-c-format --flag=g_dngettext:3:pass-c-format \
      --flag=ngettext:1:pass-c-format --flag=ngettext:2:pass-c-format \
      --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
      --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
      --flag=g_set_error:4:c-format --flag=g_prefix_error:2:c-format \
      --flag=g_markup_printf_escaped:1:c-format --flag=g_print:1:c-format \
      --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
      --flag=g_snprintf:3:c-format --flag=g_log:3:c-format --flag=g_warning:1:c-format \
      --flag=printf:1:c-format --flag=fprintf:2:c-format \
      --flag=shz_cli_usage_error:3:c-format
    if [ -f "$w/c.pot" ]; then parts+=("$w/c.pot"); fi
  fi
  if [ -s "$w/ui" ]; then
    # No --language: the name *.ui picks GTK's own gtk4builder.its where it is installed.
    xgettext "${common[@]}" --files-from="$w/ui" --output="$w/ui.pot"
    if [ -f "$w/ui.pot" ]; then parts+=("$w/ui.pot"); fi
  fi
  if [ -s "$w/desktop" ]; then
    xgettext "${common[@]}" --language=Desktop --files-from="$w/desktop" --output="$w/desktop.pot"
    if [ -f "$w/desktop.pot" ]; then parts+=("$w/desktop.pot"); fi
  fi
  # XML: xgettext picks the ITS rules (metainfo.its, gschema.its) by the file name, which
  # the .in suffix hides: extract from a copy named without it, then point the references
  # back at the real file.
  local kind f
  for kind in metainfo gschema; do
    [ -s "$w/$kind" ] || continue
    : > "$w/$kind.list"
    while read -r f; do
      mkdir -p "$w/src/$(dirname "$f")"
      cp "$f" "$w/src/${f%.in}"
      echo "${f%.in}" >> "$w/$kind.list"
    done < "$w/$kind"
    (cd "$w/src" && xgettext "${common[@]}" --files-from="$w/$kind.list" --output="$w/$kind.pot")
    if [ -f "$w/$kind.pot" ]; then
      while read -r f; do
        if [ "$f" != "${f%.in}" ]; then sed -i "/^#: /s| ${f%.in}:| $f:|g" "$w/$kind.pot"; fi
      done < "$w/$kind"
      parts+=("$w/$kind.pot")
    fi
  done

  if [ ${#parts[@]} -eq 0 ]; then
    echo "update-po: no translatable strings found" >&2
    rm -rf "$w"
    return 1
  fi
  msgcat --use-first --sort-by-file --no-wrap "${parts[@]}" -o "$w/all.pot"
  # msgcat leaves charset=CHARSET when every part is ASCII.
  sed -i 's/charset=CHARSET/charset=UTF-8/' "$w/all.pot"
  # xgettext guesses c-format for any string with a valid directive, so prose such as
  # "a 90 % interval" ("% i") would demand a matching "% i" in every translation. A
  # space-flag directive glued to a word ("% interval") is prose: our format strings
  # never use the space flag, so drop the guess there (a translator cannot match it).
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       {
         s = "\n" $0
         if (s ~ /\nmsgid "[^\n]*% [a-z][a-z]/) {
           gsub(/\n#, c-format\n/, "\n", s)
           gsub(/, c-format/, "", s)
           gsub(/\n#, c-format,/, "\n#,", s)
         }
         print substr(s, 2)
       }' "$w/all.pot" > "$out"
  sed -i -e '$!b' -e '/^$/d' "$out"
  rm -rf "$w"
}

case "${1:-}" in
  --list)
    list_sources
    exit 0 ;;
  --check|"") ;;
  *)
    echo "usage: tools/update-po.sh [--list|--check]" >&2
    exit 2 ;;
esac

for tool in xgettext msgcat msgmerge msgattrib msgfmt; do
  command -v "$tool" >/dev/null || { echo "update-po: $tool not found (apt-get install gettext)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
list_sources > "$tmp/sources"

if [ "${1:-}" = "--check" ]; then
  extract_pot "$tmp/sources" "$tmp/shuzhi.pot" 2>/dev/null
  missing=0
  for lang in $(languages); do
    if [ ! -f "po/$lang.po" ]; then
      echo "update-po: po/$lang.po is missing"
      missing=1
      continue
    fi
    msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/$lang.po" "po/$lang.po" "$tmp/shuzhi.pot"
    stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
    if printf '%s' "$stats" | grep -qE 'untranslated|fuzzy'; then
      missing=1
      echo "update-po: $lang: $stats"
      echo "update-po: $lang: messages in the sources that po/$lang.po does not translate yet:"
      msgattrib --no-obsolete --untranslated --no-wrap "$tmp/$lang.po" |
        awk 'BEGIN { RS = "" } NR > 1' | grep -E '^(#: |msgctxt |msgid )' || true
      msgattrib --no-obsolete --only-fuzzy --no-wrap "$tmp/$lang.po" |
        awk 'BEGIN { RS = "" } NR > 1' | grep -E '^(#: |msgctxt |msgid )' || true
    else
      echo "update-po: $lang: every message of the sources is translated ($stats)"
    fi
  done
  exit $missing
fi

{
  echo "# Files with translatable strings. Generated by tools/update-po.sh — do not edit by hand."
  cat "$tmp/sources"
} > po/POTFILES.in

pot=po/shuzhi.pot
extract_pot "$tmp/sources" "$pot"
n=$(grep -c '^msgid ' "$pot"); n=$((n - 1))
echo "update-po: $(wc -l < "$tmp/sources") files, $n messages → $pot"

for lang in $(languages); do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    msginit --no-translator --no-wrap --locale="$lang.UTF-8" --input="$pot" --output-file="$po"
  fi
  # No fuzzy matching: a changed English string is translated anew, never guessed.
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap --sort-by-file "$po" "$pot"
  # Strings that left the sources go (msgmerge would keep them as #~ comments).
  msgattrib --no-obsolete --no-wrap --sort-by-file -o "$po" "$po"
  echo "update-po: $lang: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
