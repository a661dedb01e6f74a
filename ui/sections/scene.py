"""What a training page's sections draw from: one value per page run."""

from dataclasses import dataclass, replace

import engine

from .. import charts
from ..link import Link
from ..player import Frame
from ..presenter import View


@dataclass(frozen=True)
class Scene:
    """The page (its name), its link and view, the run and how charts are drawn; `frame` once the player drew.

    x_query : where the page predicts.
    """

    page: str
    link: Link
    view: View
    style: charts.Style
    run: engine.Run
    x_query: float
    frame: Frame | None = None

    @property
    def spec(self) -> engine.RunSpec:
        """The run's spec."""
        return self.run.spec

    def at(self, frame: Frame) -> "Scene":
        """This scene at one frame of the player."""
        return replace(self, frame=frame, style=frame.style)

    def draw(self, where, figure: charts.Figure, key: str, **kwargs) -> None:
        """Draw a chart in this scene's style."""
        charts.draw(where, figure, key, self.style, **kwargs)
