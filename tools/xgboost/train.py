#!/usr/bin/python3
"""Trains the XGBoost fixture boosters and records XGBoost's own predictions beside them.

Run with Debian's interpreter (python3-xgboost, python3-sklearn): /usr/bin/python3 tools/xgboost/train.py
Writes tools/xgboost/models/<objective with - for :>/{model.json,expected.json}. The committed files are what the tests
use; CI does not run this script. A NaN feature is written as null in expected.json (missing).
"""
import json
import math
import os

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 12


def dataset(objective):
    if objective == "reg:squarederror":
        return load_diabetes(return_X_y=True), {}
    if objective == "binary:logistic":
        x, y = load_breast_cancer(return_X_y=True)
        # A few features keep the model small; base_score away from 0.5 checks the logit(base_score) margin.
        return (x[:, :6], y), {"base_score": 0.3}
    if objective == "multi:softprob":
        return load_iris(return_X_y=True), {"num_class": 3}
    raise ValueError(objective)


def write_json(path, document):
    """One key a line and one row a line: small, and diffs stay readable."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list):
            items = ",\n  ".join(json.dumps(row) for row in value)
            lines.append(f" {json.dumps(key)}: [\n  {items}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def train(objective):
    (x, y), extra = dataset(objective)
    rng = np.random.default_rng(7)
    # Some missing values in training so that the trees learn default directions both ways.
    train_x = x.copy()
    train_x[rng.random(train_x.shape) < 0.05] = np.nan
    params = {"objective": objective, "max_depth": 3, "eta": 0.3, "seed": 7, **extra}
    booster = xgb.train(params, xgb.DMatrix(train_x, label=y), num_boost_round=5)

    pick = rng.choice(len(x), size=ROWS, replace=False)
    rows = x[pick].copy()  # float64 as in the dataset; DMatrix and the ONNX input both take float32
    rows[0, 1] = np.nan
    rows[1, 0] = np.nan
    predictions = booster.predict(xgb.DMatrix(rows))

    # ":" is not portable in paths: binary:logistic → models/binary-logistic.
    out = os.path.join(HERE, "models", objective.replace(":", "-"))
    os.makedirs(out, exist_ok=True)
    booster.save_model(os.path.join(out, "model.json"))
    instances = [[None if math.isnan(v) else float(v) for v in row] for row in rows]
    expected = {
        "objective": objective,
        "xgboost": xgb.__version__,
        "instances": instances,
        "predictions": predictions.astype(float).tolist(),
    }
    write_json(os.path.join(out, "expected.json"), expected)
    print(f"{objective}: {os.path.getsize(os.path.join(out, 'model.json'))} bytes of model.json")


for objective in ["reg:squarederror", "binary:logistic", "multi:softprob"]:
    train(objective)
