# Sourced by the scripts that take a count: require_whole_number SCRIPT NAME VALUE exits with
# status 2 and a message unless VALUE is a whole number >= 1.
require_whole_number() {
  case "$3" in
    '' | *[!0-9]* | 0)
      echo "$1: $2 must be a whole number >= 1, got '$3'" >&2
      exit 2
      ;;
  esac
}
