"""nbclient (the library behind `jupyter nbconvert --execute`) runs the tour notebook on the PerfLab kernel.

Any cell error fails the test, except in cells tagged `raises-exception`, which nbclient allows.
"""
import os
import pathlib
import unittest

import nbformat
from nbclient import NotebookClient


NOTEBOOKS = pathlib.Path(os.environ.get("PERFLAB_NOTEBOOKS", pathlib.Path(__file__).parents[3] / "notebooks"))


class TourNotebookTest(unittest.TestCase):
    def test_tour_runs_without_errors(self):
        notebook = nbformat.read(NOTEBOOKS / "00-kernel-tour.ipynb", as_version=4)
        client = NotebookClient(notebook, kernel_name="perflab-java", timeout=120, allow_errors=False)
        client.execute()
        outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
        kinds = {o.output_type for o in outputs}
        self.assertIn("execute_result", kinds)
        self.assertIn("display_data", kinds)
        self.assertIn("stream", kinds)
        plotly = [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
        self.assertTrue(plotly, "the tour's chart was not rendered as Plotly JSON")
        nbformat.validate(notebook)


if __name__ == "__main__":
    unittest.main()
