package org.perflab.display;

/**
 * A value that showed itself in the notebook when it was made (a verdict prints its PASS or FAIL
 * line), so a kernel does not show it again when it is a cell's last value.
 */
public interface ShownWhenMade {
}
