import { fireEvent, screen } from '@testing-library/react';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { FileChooser } from './FileChooser';

describe('FileChooser', () => {
  it('speaks the console\'s language, not the browser\'s, and names the chosen file', () => {
    mockApi({});
    const chosen: (File | undefined)[] = [];
    renderPage(
      <>
        <label htmlFor="list">名单</label>
        <FileChooser id="list" accept=".csv" onChoose={(file) => chosen.push(file)} />
      </>,
    );
    // The browser's own input (its "Choose File") is not shown; the console's button is.
    const input = screen.getByLabelText('名单');
    expect(input).not.toBeVisible();
    expect(screen.getByRole('button', { name: /选择文件/ })).toBeVisible();
    expect(screen.getByTestId('list-name')).toHaveTextContent('未选择文件');

    const file = new File(['身份证号\n'], '十一月.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(chosen).toEqual([file]);
    expect(screen.getByTestId('list-name')).toHaveTextContent('十一月.csv');
  });

  it('opens the hidden input from its button, in English on request', () => {
    mockApi({});
    renderPage(<FileChooser id="list" accept=".csv" onChoose={() => undefined} />, { language: 'en-US' });
    const input = document.getElementById('list') as HTMLInputElement;
    let opened = 0;
    input.addEventListener('click', () => (opened += 1));
    fireEvent.click(screen.getByRole('button', { name: /Choose file/ }));
    expect(opened).toBe(1);
    expect(screen.getByTestId('list-name')).toHaveTextContent('No file chosen');
  });

  it('is disabled with its input while the page is busy', () => {
    mockApi({});
    renderPage(<FileChooser id="list" accept=".csv" disabled onChoose={() => undefined} />);
    expect(screen.getByRole('button', { name: /选择文件/ })).toBeDisabled();
    expect(document.getElementById('list')).toBeDisabled();
  });
});
