"""Shared page code: settings bound to the URL, controls, cached engine calls and Altair chart builders."""
