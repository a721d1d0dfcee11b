# Sourced by the mutation scripts: copy_worktree DEST copies the tracked files and the new ones
# git does not ignore, as they are in the working tree now, into DEST (which it makes).
copy_worktree() {
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -f "$f" ] && printf '%s\0' "$f"
  done | xargs -0 cp --parents -t "$1"
}
