"""Debian's jupyter_kernel_test suite against the PerfLab kernel, with a sample for every test it has.

Run by the README's test command (through Maven); needs the kernelspec installed under the
JUPYTER_PATH that the Maven build sets up (kernel/target/jupyter).
"""
import unittest

import jupyter_kernel_test


class PerfLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "perflab-java"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    code_generate_error = 'throw new IllegalStateException("expected by the test");'
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "\"PerfLab\".length()", "result": "7"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": 'display(tech.tablesaw.api.Table.create("empty"));', "mime": "text/html"},
        {"code": 'display("plain text");', "mime": "text/plain"},
        # The suite's own sample for kernels with IJava's display API.
        {"code": 'display("<b>hi</b>", "text/html");', "mime": "text/html"},
    ]
    completion_samples = [
        {"text": "Math.sq", "matches": {"sqrt("}},
        {"text": "System.out.printl", "matches": {"println("}},
    ]
    complete_code_samples = ["int a = 1;", "System.out.println(2);", "class A { }", "%timeit 1 + 1"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int f(int x) {", "String s = \"abc\" +"]
    invalid_code_samples = [")))", "}", "int x = ;"]
    code_inspect_sample = "Math.max"
    code_history_pattern = "1 ? 2"
    supported_history_operations = ("tail", "range", "search")
    code_page_something = "Math.max?"
    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
