#!/usr/bin/python3
"""Trains the bundled iris demo model (multinomial logistic regression) and writes tools/iris/model/*.json.

Run with Debian's Python (python3-sklearn):  /usr/bin/python3 tools/iris/train.py
Format the JSON the repo's way:               npx prettier --write tools/iris/model
Then rebuild the ONNX model:                  node --import tsx tools/iris/build-onnx.ts
Everything is deterministic: a fixed split and solver give byte-identical outputs on every run.
"""
import hashlib
import json
import os

from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split

RANDOM_STATE = 42
TEST_SIZE = 0.3
HYPERPARAMETERS = {"multi_class": "multinomial", "solver": "lbfgs", "C": 1.0, "max_iter": 1000}
MODEL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model")


def training_csv(feature_names, x, y):
    """The exact bytes the model is trained from (header + one row per sample), for the lineage digest."""
    lines = [",".join(feature_names + ["target"])]
    lines += [",".join(repr(float(v)) for v in row) + "," + str(int(t)) for row, t in zip(x, y)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_json(name, value):
    with open(os.path.join(MODEL_DIR, name), "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def main():
    iris = load_iris()
    feature_names = [str(n) for n in iris.feature_names]
    x_train, x_test, y_train, y_test = train_test_split(
        iris.data, iris.target, test_size=TEST_SIZE, random_state=RANDOM_STATE, stratify=iris.target
    )
    csv = training_csv(feature_names, x_train, y_train)
    digest = hashlib.sha256(csv).hexdigest()

    model = LogisticRegression(**HYPERPARAMETERS).fit(x_train, y_train)
    probabilities = model.predict_proba(x_test)
    accuracy = float(accuracy_score(y_test, model.predict(x_test)))
    loss = float(log_loss(y_test, probabilities))

    os.makedirs(MODEL_DIR, exist_ok=True)
    write_json("weights.json", {
        "featureNames": feature_names,
        "classes": [int(c) for c in model.classes_],
        "classNames": [str(iris.target_names[c]) for c in model.classes_],
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
    })
    run_key = json.dumps({"digest": digest, "hyperparameters": HYPERPARAMETERS,
                          "split": {"test_size": TEST_SIZE, "random_state": RANDOM_STATE}}, sort_keys=True)
    write_json("lineage.json", {
        "trainedBy": "tools/iris/train.py",
        "trainingDatasets": [{
            "uri": "sklearn.datasets.load_iris",
            "digest": "sha256:" + digest,
            "description": "Fisher's iris data as shipped with scikit-learn: the %d-row stratified training split "
                           "(test_size=%s, random_state=%d), digest over its CSV (header + rows, repr floats)"
                           % (len(y_train), TEST_SIZE, RANDOM_STATE),
        }],
        "evaluationMetrics": {"accuracy": accuracy, "log_loss": loss},
        "source": {
            "codeRepository": "presage",
            "trainingRunId": "iris-" + hashlib.sha256(run_key.encode("utf-8")).hexdigest()[:12],
        },
    })
    # Two test samples of each class, in test-split order.
    picked = [i for c in model.classes_ for i in [j for j, t in enumerate(y_test) if t == c][:2]]
    write_json("samples.json", {
        "instances": [x_test[i].tolist() for i in picked],
        "probabilities": [probabilities[i].tolist() for i in picked],
        "classes": [int(model.predict(x_test[i:i + 1])[0]) for i in picked],
        "classNames": [str(iris.target_names[c]) for c in model.classes_],
    })
    print("accuracy %.4f  log_loss %.4f  digest %s" % (accuracy, loss, digest))


if __name__ == "__main__":
    main()
