"""The ranges the settings' fields take: one place, read by the controls and by the sentences that cite them."""

LR_MIN, LR_MAX = 1e-6, 1e9  # absurd rates are allowed: divergence is a result to show
MAX_EPOCHS = 5000
MAX_HIDDEN = 16
VALUE_LIMIT = 1e6  # typed starting values and the x to predict at stay within +-this
