package org.perflab.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading a cell as magics and code: a cell magic on the first line, line magics between code, lines, arguments. */
class CellProgramTest {

    @Test
    void cellMagicTakesTheFirstLineAndTheBodyStartsOnTheNext() {
        CellProgram.CellMagic magic = CellProgram.cellMagic("%%time\nint x = 1;\nx");
        assertEquals(new CellProgram.CellMagic("time", "", "int x = 1;\nx", 2), magic);
    }

    @Test
    void cellMagicArgumentsAreStrippedAndLeadingBlankLinesCount() {
        CellProgram.CellMagic magic = CellProgram.cellMagic("\n  %%timeit -n 5  \nwork();");
        assertEquals(new CellProgram.CellMagic("timeit", "-n 5", "work();", 3), magic);
    }

    @Test
    void cellMagicAloneHasAnEmptyBody() {
        assertEquals(new CellProgram.CellMagic("time", "", "", 1), CellProgram.cellMagic("%%time"));
    }

    @Test
    void cellMagicOnlyOnTheFirstLine() {
        assertNull(CellProgram.cellMagic("int x = 1;\n%%time"));
        assertNull(CellProgram.cellMagic("%time x"), "a line magic is not a cell magic");
    }

    @Test
    void lineMagicsSplitTheCodeInOrderWithTheirLines() {
        List<CellProgram.Step> steps = CellProgram.steps("int a = 1;\n%maven org.example:lib:1.0\nint b = 2;\nb", 1);
        assertEquals(List.of(
                new CellProgram.Code("int a = 1;", 1),
                new CellProgram.LineMagic("maven", "org.example:lib:1.0", 2),
                new CellProgram.Code("int b = 2;\nb", 3)), steps);
    }

    @Test
    void blankLinesBeforeCodeMoveItsFirstLine() {
        List<CellProgram.Step> steps = CellProgram.steps("%classpath x.jar\n\n\nint a = 1;", 1);
        assertEquals(List.of(new CellProgram.LineMagic("classpath", "x.jar", 1), new CellProgram.Code("int a = 1;", 4)),
                steps);
    }

    @Test
    void blankRunsBetweenMagicsMakeNoCode() {
        assertEquals(List.of(new CellProgram.LineMagic("a", "", 1), new CellProgram.LineMagic("b", "", 3)),
                CellProgram.steps("%a\n  \n%b", 1));
        assertEquals(List.of(), CellProgram.steps("\n \n", 1));
    }

    @Test
    void linesCountFromTheBodysFirstLine() {
        List<CellProgram.Step> steps = CellProgram.steps("int a = 1;\n%whos", 2);
        assertEquals(List.of(new CellProgram.Code("int a = 1;", 2), new CellProgram.LineMagic("whos", "", 3)), steps);
    }

    @Test
    void percentInsideALineIsCodeNotAMagic() {
        assertEquals(List.of(new CellProgram.Code("int r = 10 % 3;\nString f = \"%d\";", 1)),
                CellProgram.steps("int r = 10 % 3;\nString f = \"%d\";", 1));
    }

    @Test
    void wordsKeepQuotedPartsTogether() {
        assertEquals(List.of("-n", "200", "a b", "Math.sqrt(2.0)"), CellProgram.words(" -n 200  \"a b\" Math.sqrt(2.0)"));
        assertEquals(List.of(), CellProgram.words("   "));
    }
}
