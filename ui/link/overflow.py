"""The one thing about a link the server cannot see: a link so long that Streamlit drops all of it.

Streamlit ignores the whole query of an address with more than 1,000 fields or 512 Ki characters (it logs a
warning and hands the page no parameters), so the page would show its defaults under a link that asks for
something else. The browser still has the address: a constant script (no user text reaches it) reads it and,
only when it is that long, shows a message in place. It is drawn only on arrival with no parameters.
"""

MAX_FIELDS, MAX_CHARACTERS = 1000, 512 * 1024  # Streamlit's limits (streamlit/runtime/state/query_params.py)
CHECK = f"""<div id="m" style="font-family: sans-serif; font-size: 15px; color: #9c4221"></div><script>
const search = window.parent.location.search;
const fields = search ? search.slice(1).split('&').length : 0;
if (fields > {MAX_FIELDS} || search.length > {MAX_CHARACTERS}) {{
  document.getElementById('m').textContent = 'This link has ' + fields.toLocaleString() + ' settings in '
    + search.length.toLocaleString() + ' characters, more than the {MAX_FIELDS:,} settings and '
    + '{MAX_CHARACTERS:,} characters Streamlit reads, so none of them were used: the page shows its defaults. '
    + 'A playground link needs only a few settings; copy the address again from the page you want to share.';
  window.frameElement.style.height = '72px';
}}
</script>"""


def check(where) -> None:
    """Draw the check in `where`: a frame 1 pixel tall, which grows to show its message only when the address was
    too long to read."""
    where.iframe(CHECK, height=1)
