def resolve(value):
    try:
        if value is None:
            raise TypeError("none")
        return int(value)
    except ValueError:
        return "bad"
    except TypeError as e:
        return f"type: {e}"
    finally:
        pass
print([resolve(v) for v in ("1", "x", None, 2.7)])
def override():
    try:
        return "try"
    finally:
        return "finally"
print(override())
def loop_finally():
    out = []
    for i in range(4):
        try:
            if i == 2:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out
print(loop_finally())
class ValidationError(Exception):
    pass
class FieldError(ValidationError):
    def __init__(self, field):
        super().__init__(f"bad field {field}")
        self.field = field
errors = []
for f in ("name", "age"):
    try:
        raise FieldError(f)
    except ValidationError as e:
        errors.append((type(e).__name__, e.field, str(e), isinstance(e, Exception)))
print(errors)
