//! Turning the blocks read from a .docx into lines of text: paragraphs as
//! they are, tables row by row, and task tables (`工作任务` / `牵头单位` …) as
//! one numbered item per row with the row's cells kept beside the text.

use super::{Block, Cell, Merge, Table};
use crate::briefing::chars::{ends_sentence, is_space};
use crate::briefing::formats::TaskRow;

/// What cells of a row are joined with on one line.
const CELL_GAP: char = '\u{3000}';

/// The text being built and the task rows found.
#[derive(Debug, Default)]
pub struct Output {
    pub text: String,
    pub tasks: Vec<TaskRow>,
}

impl Output {
    fn line(&mut self, s: &str) {
        let s = s.trim_end_matches(is_space);
        if s.trim_start_matches(is_space).is_empty() {
            return;
        }
        self.text.push_str(s);
        self.text.push('\n');
    }
}

/// Renders blocks in order. Tables nest at most
/// [`super::MAX_TABLE_DEPTH`] deep (deeper ones were flattened while
/// reading), which bounds the recursion.
pub(crate) fn render_blocks(blocks: &[Block], out: &mut Output) {
    for b in blocks {
        match b {
            Block::Para(t) => {
                for l in t.split('\n') {
                    out.line(l);
                }
            }
            Block::Table(t) => render_table(t, out),
        }
    }
}

/// A cell placed on the table's grid, with its text's lines.
struct Placed<'a> {
    col: usize,
    cell: &'a Cell,
    lines: Vec<String>,
}

fn render_table(t: &Table, out: &mut Output) {
    let mut nested = Vec::new();
    let rows: Vec<Vec<Placed<'_>>> = t
        .rows
        .iter()
        .map(|r| {
            let mut col = r.grid_before;
            r.cells
                .iter()
                .map(|cell| {
                    let mut sub = Output::default();
                    render_blocks(&cell.blocks, &mut sub);
                    nested.append(&mut sub.tasks);
                    let placed = Placed {
                        col,
                        cell,
                        lines: sub.text.lines().map(str::to_owned).collect(),
                    };
                    col += cell.span;
                    placed
                })
                .collect()
        })
        .collect();
    out.tasks.append(&mut nested);
    match task_layout(&rows) {
        Some(layout) => render_tasks(&rows, &layout, out),
        None => {
            for row in &rows {
                render_plain_row(row, out);
            }
        }
    }
}

/// A row as Word shows it: one line of its cells when each holds at most a
/// line, else each cell's lines in turn (a table used to lay out a page).
/// A cell merged with the one above shows nothing.
fn render_plain_row(row: &[Placed<'_>], out: &mut Output) {
    let cells: Vec<&Vec<String>> = row
        .iter()
        .filter(|p| p.cell.merge != Merge::Continue && !p.lines.is_empty())
        .map(|p| &p.lines)
        .collect();
    if cells.iter().all(|l| l.len() <= 1) {
        let texts: Vec<&str> = cells
            .iter()
            .filter_map(|l| l.first())
            .map(|s| s.trim_matches(is_space))
            .collect();
        out.line(&texts.join(&CELL_GAP.to_string()));
    } else {
        for l in cells.into_iter().flatten() {
            out.line(l);
        }
    }
}

/// A cell's text on one line: its paragraphs joined, with a full-width
/// space where one does not end with punctuation.
fn cell_text(lines: &[String]) -> String {
    let mut s = String::new();
    for l in lines {
        let l = l.trim_matches(is_space);
        if l.is_empty() {
            continue;
        }
        if !s.is_empty() && !ends_sentence(&s) && !s.ends_with(['、', '，', ',']) {
            s.push(CELL_GAP);
        }
        s.push_str(l);
    }
    s
}

/// A header cell's text as a column name: whitespace removed.
fn header_name(s: &str) -> String {
    s.chars().filter(|&c| !is_space(c)).collect()
}

fn is_task_header(h: &str) -> bool {
    matches!(
        h,
        "工作任务"
            | "任务"
            | "重点任务"
            | "主要任务"
            | "具体任务"
            | "任务内容"
            | "任务事项"
            | "事项"
            | "重点事项"
            | "工作事项"
            | "工作内容"
            | "重点工作"
            | "工作措施"
            | "具体措施"
            | "主要措施"
    )
}

fn is_owner_header(h: &str) -> bool {
    [
        "牵头单位",
        "责任单位",
        "责任部门",
        "牵头部门",
        "主责单位",
        "责任主体",
        "牵头责任单位",
    ]
    .iter()
    .any(|p| h.starts_with(p))
}

fn is_number_header(h: &str) -> bool {
    matches!(h, "序号" | "编号" | "序")
}

/// Where a task table's columns are.
struct Layout {
    header_row: usize,
    /// Column names by grid column.
    headers: Vec<(usize, String)>,
    task: usize,
    number: Option<usize>,
    width: usize,
}

/// A task table has, in one of its first three rows, a task column and an
/// owner column.
fn task_layout(rows: &[Vec<Placed<'_>>]) -> Option<Layout> {
    let width = rows
        .iter()
        .flat_map(|r| r.iter().map(|p| p.col + p.cell.span))
        .max()?;
    rows.iter().take(3).enumerate().find_map(|(i, row)| {
        let headers: Vec<(usize, String)> = row
            .iter()
            .map(|p| (p.col, header_name(&cell_text(&p.lines))))
            .filter(|(_, h)| !h.is_empty())
            .collect();
        let task = headers.iter().find(|(_, h)| is_task_header(h))?.0;
        headers.iter().find(|(_, h)| is_owner_header(h))?;
        let number = headers
            .iter()
            .find(|(_, h)| is_number_header(h))
            .map(|&(c, _)| c);
        Some(Layout {
            header_row: i,
            headers,
            task,
            number,
            width,
        })
    })
}

/// Each row's text by grid column, a cell merged with the one above taking
/// that one's text.
fn resolve(rows: &[Vec<Placed<'_>>], width: usize) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut values = vec![String::new(); width];
        for p in row {
            let Some(slot) = values.get_mut(p.col) else {
                continue;
            };
            *slot = if p.cell.merge == Merge::Continue {
                out.last()
                    .and_then(|prev| prev.get(p.col))
                    .cloned()
                    .unwrap_or_default()
            } else {
                cell_text(&p.lines)
            };
        }
        out.push(values);
    }
    out
}

/// A data row's cells under their columns' names; text in a column without
/// a name (a header cell spanning two columns) joins the named one before.
fn named_cells(layout: &Layout, values: &[String]) -> Vec<(String, String)> {
    let mut cells: Vec<(String, String)> = Vec::with_capacity(layout.headers.len());
    for (k, (col, name)) in layout.headers.iter().enumerate() {
        let end = layout
            .headers
            .get(k + 1)
            .map_or(layout.width, |&(next, _)| next);
        let mut value = String::new();
        for v in values.get(*col..end.min(values.len())).unwrap_or(&[]) {
            if v.is_empty() {
                continue;
            }
            if !value.is_empty() {
                value.push(CELL_GAP);
            }
            value.push_str(v);
        }
        cells.push((name.clone(), value));
    }
    cells
}

fn render_tasks(rows: &[Vec<Placed<'_>>], layout: &Layout, out: &mut Output) {
    for row in &rows[..layout.header_row] {
        render_plain_row(row, out);
    }
    let resolved = resolve(rows, layout.width);
    let mut count = 0u32;
    for (r, row) in rows.iter().enumerate().skip(layout.header_row + 1) {
        let values = &resolved[r];
        let task = values[layout.task].trim_matches(is_space);
        let continued = row
            .iter()
            .any(|p| p.col == layout.task && p.cell.merge == Merge::Continue);
        if task.is_empty() {
            // A row naming a group of tasks (merged across the table).
            render_plain_row(row, out);
            continue;
        }
        if continued {
            // The task goes on in this row (more owners, more deadlines):
            // its cells join the task's row.
            if let Some(last) = out.tasks.last_mut() {
                let more = named_cells(layout, values);
                for ((_, have), (_, add)) in last.cells.iter_mut().zip(more) {
                    if !add.is_empty() && !have.split(CELL_GAP).any(|h| h == add) {
                        if !have.is_empty() {
                            have.push(CELL_GAP);
                        }
                        have.push_str(&add);
                    }
                }
            }
            continue;
        }
        count += 1;
        let n = layout
            .number
            .and_then(|c| values.get(c))
            .and_then(|v| {
                v.trim_matches(|c: char| is_space(c) || matches!(c, '.' | '、' | '．'))
                    .parse::<u32>()
                    .ok()
            })
            .unwrap_or(count);
        let mut task = task.to_owned();
        if !ends_sentence(&task) {
            task.push('。');
        }
        out.line(&format!("{n}. {task}"));
        out.tasks.push(TaskRow {
            task,
            cells: named_cells(layout, values),
        });
    }
}
