"""The parts a page is made of. common.py: what every training page shows (the prediction, the loss, the
printout, the downloads); line.py: the linear model's own (its parameters, the loss surface, the fit);
net.py: the network's own (its fit with each unit, its parameters, its dead units); backprop.py and
experiments.py: those pages' sections. Each section takes a Scene (scene.py): the run and how to draw it."""
