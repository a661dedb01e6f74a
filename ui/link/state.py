"""A page's settings in its address: read from the link, checked, kept by the widgets, written back.

Every setting is a widget whose key is its URL key. On arrival (a link opened, another page left, Back or
Forward, or the address changed by anything but this page) each widget is seeded from the address: a value
the page cannot use is replaced by the default with a warning naming the key and what is allowed. From
then on the widget owns the value, and `publish` writes the address from the widgets (defaults left out),
so the address always reproduces the view: a fresh session on it shows the same numbers. A value the page
changes itself (a batch size larger than the data, an epoch past the run's end) is changed in the widget
and the address alike, with a message saying so. Keys that this page does not use leave the address, with
a message when they came in a link.

Only public Streamlit API: st.query_params and st.session_state. Widgets are not bound to the address
(`bind=`), so no value travels from one page to the next with the navigation.
"""

import contextlib

import streamlit as st

from ..text import literal
from . import overflow
from .fields import Choice, Flag, Number, Numbers, Subset, shown
from .keys import KEYS

_PUBLISHED = "link:published"  # session_state: (page, the query this page last wrote)
_KEPT = "link:kept:"  # session_state: + page:key, the value a widget last had on that page


class Link:
    """The settings of one page run. Create it first, make every setting through it, then `publish`.

    notices : the container (near the top of the page) where warnings about the link are shown.
    passive : keys the page reads directly from st.query_params (presenter view, quiz), kept in the address.
    """

    def __init__(self, page: str, notices, passive: tuple[str, ...] = ()):
        self.page, self.notices, self.passive = page, notices, passive
        self.query = st.query_params.to_dict()
        last = st.session_state.get(_PUBLISHED)
        self.fresh = last is None or last != (page, self.query)
        self.written: dict[str, str | None] = {}
        self.messages: dict[str, str] = {}
        self.renamed: dict[str, str] = {}  # new key -> the older key the link gave its value under
        self.published = False

    # ---- the settings ---------------------------------------------------------------------------------

    def number(self, where, label: str, key: str, default, lo=None, hi=None, whole: bool = False,
               why: str | None = None, **kwargs):
        """A number input; `why` says why a value above `hi` is not allowed now (shown when one is clamped)."""
        field = Number(lo, hi, whole)
        value = self._seed(key, field, default)
        if not field.holds(value):  # the limits moved under a value the session kept
            clamped = field.clamp(value)
            reason = f" ({why})" if why else ""
            self.say(key, f"**{label}** was {shown(value)}, outside {shown(lo)} to {shown(hi)}{reason}: using "
                          f"{shown(clamped)}.")
            st.session_state[key] = value = clamped
        step = kwargs.pop("step", 1 if whole else None)
        number_format = None if whole else kwargs.pop("format", "%g")
        value = where.number_input(label, min_value=lo, max_value=hi, step=step, format=number_format, key=key,
                                   **kwargs)
        self._write(key, field, value, default)
        return value

    def choice(self, where, label: str, key: str, options, default, widget: str = "selectbox", **kwargs):
        """A selectbox (or radio, segmented_control) of `options`, written in the link as the option itself."""
        field = Choice(tuple(options))
        kept = self._seed(key, field, default)
        if kept not in field.options:
            if kept is not None:  # a value these settings no longer offer (layer 4 of a net now 2 deep)
                self.say(key, f"**{label}** was {literal(str(kept))}, which these settings do not offer; using "
                              f"{literal(str(default))}.", here=where)
            st.session_state[key] = default
        value = getattr(where, widget)(label, list(options), key=key, **kwargs)
        self._write(key, field, value, default)
        return value

    def subset(self, where, label: str, key: str, options, default, **kwargs) -> tuple:
        """A multiselect of `options` (strings), written in the link comma-separated; empty means the default."""
        field = Subset(tuple(options))
        kept = self._seed(key, field, tuple(default))
        if not isinstance(kept, list):
            st.session_state[key] = list(kept)
        picked = where.multiselect(label, list(options), key=key, **kwargs)
        chosen = tuple(option for option in options if option in picked) or tuple(default)
        self._write(key, field, chosen, tuple(default))
        return chosen

    def toggle(self, where, label: str, key: str, default: bool = False, off_because: str | None = None,
               **kwargs) -> bool:
        """A toggle, written in the link as true or false. off_because: why these settings cannot have it on (it is
        turned off, and that said, when it was on)."""
        field = Flag()
        self._seed(key, field, default)
        if off_because and st.session_state.get(key):
            st.session_state[key] = False
            self.say(key, f"**{label}** is turned off: {off_because}.")
        value = where.toggle(label, key=key, disabled=bool(off_because), **kwargs)
        self._write(key, field, value, default)
        return value

    def slider(self, where, label: str, key: str, lo: int, hi: int, default: int, why: str, **kwargs) -> int:
        """An integer slider whose upper end moves (the epoch of a run): a value at the old end moves to the new end,
        a kept value past it is clamped, and said; any other is kept."""
        field, ends = Number(lo, hi, whole=True), f"link:slider_end:{key}"
        value = self._seed(key, Number(lo, None, whole=True), default)
        if value == st.session_state.get(ends) != hi:  # it showed the whole run: it still does
            value = hi
        elif not field.holds(value):
            self.say(key, f"**{label}** was {value}, past {hi} ({why}): showing {hi}.", here=where)
            value = hi
        # Set every run: a slider whose range changes is a new widget to Streamlit, which would start it at `lo`.
        st.session_state[key], st.session_state[ends] = value, hi
        value = where.slider(label, lo, hi, key=key, **kwargs)
        self._write(key, field, value, default)
        return value

    def number_list(self, where, label: str, key: str, default: tuple[float, ...], **kwargs) -> tuple[float, ...]:
        """A comma-separated list of numbers typed into a text field; while what is typed is not such a list,
        an error says so and the last valid list is used."""
        return self.typed_list(where, label, key, Numbers(), ",".join(shown(float(v)) for v in default), **kwargs)

    def typed_list(self, where, label: str, key: str, field, default: str, **kwargs) -> tuple:
        """A list typed into a text field, read by `field` (Numbers, Widths); while what is typed cannot be read,
        an error says what is allowed and the last valid list is used (and is what the address holds)."""
        self._seed(key, field, default)
        text = where.text_input(label, key=key, **kwargs)
        last = f"link:last_valid:{key}"
        try:
            st.session_state[last] = (field.values(text), text)
        except ValueError:
            where.error(f"**{key}** must be {field.allowed()}, like {literal(default)}; {literal(text)} is not. Using "
                        f"the last valid value {literal(st.session_state.get(last, (None, default))[1])}.")
        values, kept = st.session_state.get(last, (field.values(default), default))
        self._write(key, field, kept, default)  # the address holds the text that made the values used, exactly
        return values

    def rename(self, old: str, new: str) -> None:
        """An older link's key `old` read as `new` (when the link has no `new`): the address is written with `new`."""
        if self.fresh and old in self.query:
            if new not in self.query:
                self.query[new] = self.query[old]
                self.renamed[new] = old
            else:
                self.say(old, f"{literal(f'{old}={self.query[old]}')} in the link is an older name for `{new}`, "
                              f"which the link also has: using {literal(f'{new}={self.query[new]}')}.")
            self.written[old] = None  # dealt with: not reported as unused, left out of the address

    def tabs(self, labels, key: str, default: str):
        """Tabs whose open one is in the link; only the open tab's content needs building (`tab.open`)."""
        field = Choice(tuple(labels))
        self._seed(key, field, default)
        tabs = st.tabs(list(labels), key=key, on_change="rerun")
        self._write(key, field, st.session_state[key], default)
        return tabs

    def passive_value(self, key: str, field, default=None):
        """A link value the page reads without a widget (presenter view, quiz): checked, warned, kept in the link."""
        if key not in self.query:
            return default
        try:
            value = field.parse(self.query[key])
        except ValueError as problem:
            self.say(key, f"{literal(f'{key}={self.query[key]}')} in the link is not {problem}; ignored.")
            self.written[key] = None  # dealt with: said here, left out of the address
            return default
        self.written[key] = self.query[key]
        return value

    def current(self) -> dict[str, str]:
        """The address as the settings made so far in this run write it (defaults left out)."""
        return {key: text for key, text in self.written.items() if text is not None}

    # ---- messages and the address ---------------------------------------------------------------------

    def say(self, key: str, message: str, here=None) -> None:
        """A message about `key`, shown with the link's warnings (once per key). here: the widget's own container,
        where the message goes once the page has published its address, that is in a fragment's own rerun (the
        notices are outside the fragment, and Streamlit refuses a fragment's writes there)."""
        self.messages[key] = message
        if self.published:
            (self.notices if here is None else here).warning(message, icon=":material/link:")

    def warn(self, key: str, raw: str, allowed: str, default) -> None:
        """The warning for a link value that cannot be used (named by the key the link gave it under)."""
        name = self.renamed.get(key, key)
        self.say(key, f"{literal(f'{name}={raw}')} in the link is not {allowed}; using {shown(default)}.")

    def publish(self) -> None:
        """Write the address from the settings made in this run, and show the run's messages."""
        query = self.current()
        if self.fresh:
            unused = [key for key in self.query if key not in self.written and key not in ("embed", "embed_options")]
            if unused:
                self.say("", _unused_message(unused))
        if self.fresh and not self.query:  # an arrival with no parameters: perhaps a link too long to read
            overflow.check(self.notices)
        address = {key: st.query_params.get_all(key) for key in st.query_params}
        if address != {key: [text] for key, text in query.items()}:  # (a key given twice is written back once)
            st.query_params.from_dict(query)
        st.session_state[_PUBLISHED] = (self.page, query)
        for message in self.messages.values():
            self.notices.warning(message, icon=":material/link:")
        self.fresh, self.published = False, True

    # ---- inside ----------------------------------------------------------------------------------------

    def _seed(self, key: str, field, default):
        """The widget's value for this run: from the link on arrival (or when the widget is new), else kept. A widget
        that was hidden a while (another optimizer's field, the Epoch slider while the player runs) comes back as
        this page last had it: Streamlit drops a hidden widget's value, so `_write` keeps a copy, per page."""
        kept = f"{_KEPT}{self.page}:{key}"
        if not self.fresh and key not in st.session_state and kept in st.session_state:
            st.session_state[key] = st.session_state[kept]
        if self.fresh or key not in st.session_state:
            value = default
            raw = self.query.get(key)
            if raw is not None:
                try:
                    value = field.parse(raw)
                except ValueError as problem:
                    self.warn(key, raw, str(problem), default)
            st.session_state[key] = float(value) if isinstance(field, Number) and not field.whole else value
        return st.session_state[key]

    def _write(self, key: str, field, value, default) -> None:
        st.session_state[f"{_KEPT}{self.page}:{key}"] = value
        text = None if value == default else field.write(value)
        self.written[key] = text
        if self.published and st.query_params.get(key) != text:  # a fragment's own rerun: write it now
            query = {name: value for name, value in st.session_state[_PUBLISHED][1].items() if name != key}
            if text is None:
                st.query_params.pop(key, None)
            else:
                st.query_params[key] = query[key] = text
            st.session_state[_PUBLISHED] = (self.page, query)


def _unused_message(keys: list[str]) -> str:
    known = [key for key in keys if key in KEYS]
    unknown = [key for key in keys if key not in KEYS]
    parts = []
    if known:
        parts.append(f"{', '.join(literal(key, 20) for key in known[:8])} "
                     f"{'is' if len(known) == 1 else 'are'} not used by this page with these settings")
    if unknown:
        parts.append(f"{', '.join(literal(key, 20) for key in unknown[:8])}{' …' if len(unknown) > 8 else ''} "
                     f"{'is' if len(unknown) == 1 else 'are'} not a setting of this playground")
    return "In the link, " + "; ".join(parts) + ": left out of the address."


@contextlib.contextmanager
def page_settings(page: str, passive: tuple[str, ...] = ()):
    """The page's Link, with a container for its messages drawn here (near the top); the address is written when
    the page is done, also when it ends early. Pages end early by returning, never with st.stop: what a
    script sends after stopping (the address among it) does not reach the browser."""
    link = Link(page, st.container(), passive)
    try:
        yield link
    finally:
        link.publish()
