"""Sentences about the one update the backprop page works out: which it is, its rate, the parameters it starts from."""


def update_headline(epoch: int, sample: int, x: float, y: float, values=None) -> str:
    """"#### Sample 2 of epoch 0: x = 3, y = 6", with ŷ and the loss when the worked numbers are shown (values: the
    ledger's values by name)."""
    result = f", ŷ = {values['y_hat']:.6g}, loss = {values['loss']:.6g}" if values is not None else ""
    return f"#### Sample {sample} of epoch {epoch}: x = {x:g}, y = {y:g}{result}"


def update_caption(rate: float, lr: float, epoch: int, trained: bool) -> str:
    """The rate this update uses (the schedule's, where it is not the set rate) and what the parameters are."""
    scheduled = (f" (epoch {epoch} of the schedule" + (": the rate has decayed to 0, so this update changes nothing)"
                                                        if rate == 0 else ")")) if rate != lr else ""
    return (f"Learning rate η = {rate:g}{scheduled}. The parameters are those {_where(trained)}; ∂L/∂p is the "
            "gradient of this one sample's squared error L with respect to p.")


def parameters_before(trained: bool) -> str:
    """The heading of the parameters the update starts from (a table below it), for a reader working it out by
    hand."""
    return f"**Parameters {_where(trained)}**"


def _where(trained: bool) -> str:
    return "before this update" if trained else "at the start"
