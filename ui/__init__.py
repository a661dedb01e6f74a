"""The Streamlit side of the playground: settings in the link (link/), controls (controls/), cached engine calls
(compute.py), the training page skeleton (skeleton.py) and its sections (sections/), charts (charts/), the
sentences pages say (sentences/), the player, presenter view, pins and classroom content.

Importing `ui` applies the one Streamlit workaround (compat.py): a fresh server's deep link gets the navigation.
"""

from . import compat

compat.leave_legacy_pages_mode()
