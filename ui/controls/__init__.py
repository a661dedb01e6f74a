"""The sidebar's controls, each drawing its widgets through the page's Link and returning plain values or engine
values: the data (data.py), the model's starting point (model.py), the training settings (training.py)."""
