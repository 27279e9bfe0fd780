#!/usr/bin/python3
"""Fits the scikit-learn fixture models and writes them as ONNX in skl2onnx's layout, with sklearn's answers.

Run with Debian's interpreter (python3-sklearn, python3-onnx): /usr/bin/python3 tools/sklearn/build.py
skl2onnx is not packaged here, so the graphs are written by hand with onnx.helper, the way skl2onnx writes
these two estimators (zipmap=False): LinearClassifier → `label` int64 [N] + `probabilities` float [N, C];
LinearRegressor → `variable` float [N, 1]. The committed files are what the tests use; CI does not run this.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.datasets import load_diabetes, load_iris
from sklearn.linear_model import LinearRegression, LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 12
OPSETS = [helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)]


def save(name, graph, instances, expected):
    model = helper.make_model(graph, opset_imports=OPSETS, producer_name="presage-tools-sklearn")
    model.ir_version = 8
    onnx.checker.check_model(model)
    out = os.path.join(HERE, "models", name)
    os.makedirs(out, exist_ok=True)
    onnx.save(model, os.path.join(out, "model.onnx"))
    write_json(os.path.join(out, "expected.json"), {"instances": instances.tolist(), **expected})


def write_json(path, document):
    """One key a line and one row a line: small, and diffs stay readable."""
    lines = []
    for key, rows in document.items():
        items = ",\n  ".join(json.dumps(row) for row in rows)
        lines.append(f' {json.dumps(key)}: [\n  {items}\n ]')
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def pick(x):
    """Rows as written to expected.json, and as float32 (what ORT sees) for sklearn to predict on."""
    rng = np.random.default_rng(7)
    rows = x[rng.choice(len(x), size=ROWS, replace=False)]
    return rows, rows.astype(np.float32).astype(np.float64)


def classifier():
    x, y = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=1000).fit(x, y)
    classes, features = model.coef_.shape
    node = helper.make_node(
        "LinearClassifier",
        ["float_input"],
        ["label", "probabilities"],
        domain="ai.onnx.ml",
        coefficients=model.coef_.astype(np.float32).ravel().tolist(),
        intercepts=model.intercept_.astype(np.float32).tolist(),
        classlabels_ints=[int(c) for c in model.classes_],
        multi_class=1,
        post_transform="SOFTMAX",
    )
    graph = helper.make_graph(
        [node],
        "LogisticRegression",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, features])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, classes]),
        ],
    )
    rows, seen = pick(x)
    save(
        "classifier",
        graph,
        rows,
        {
            "labels": [int(v) for v in model.predict(seen)],
            "probabilities": model.predict_proba(seen).tolist(),
        },
    )


def regressor():
    x, y = load_diabetes(return_X_y=True)
    model = LinearRegression().fit(x, y)
    node = helper.make_node(
        "LinearRegressor",
        ["float_input"],
        ["variable"],
        domain="ai.onnx.ml",
        coefficients=model.coef_.astype(np.float32).tolist(),
        intercepts=[float(model.intercept_)],
        targets=1,
    )
    graph = helper.make_graph(
        [node],
        "LinearRegression",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, x.shape[1]])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])],
    )
    rows, seen = pick(x)
    save("regressor", graph, rows, {"predictions": model.predict(seen).tolist()})


classifier()
regressor()
