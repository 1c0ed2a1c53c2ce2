#!/usr/bin/python3
"""End-to-end test of `papers serve` in headless Chromium (Debian's chromium and chromium-driver,
driven through Debian's python3-selenium): search from the form, open a paper from the results,
follow one of its recommendations to its page of the original PDF, and check that the page is
the one the recommendation is on. Also: the overview chart is drawn, archived text that looks
like markup is shown as text, a malformed query shows its reason, the filters narrow the hits,
the papers can be browsed by date or body in pages, a paper OCR read poorly is marked, and at
400 px the page fits the screen with a hit on the first screen.

Usage: browser_test.py PAPERS_BINARY CORPUS_DEV REALCORPUS
Archives the PDFs of CORPUS_DEV, one real multi-page Kent County Council paper from REALCORPUS (read in
place) and one text paper written here, into a temporary archive, serves it on a free loopback
port, and drives the page. Exits non-zero on the first failed check. Without REALCORPUS (a clone
with no ../shared) it prints "SKIPPED (folder missing): PATH", which ctest reports as a skip, and
exits 0; under CI (CI set) a missing folder fails instead.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

# An agenda pack (a cover letter, blank pages, the proposed record of decision on pages 3-5): its
# parts are papers of their own, their pages named and linked as the pack numbers them.
KENT = 'kent_24-00096 - PROD 30th-Jan-2025 10.00 Cabinet.pdf'
# The report of the same decision and the printed minutes of its meeting: the report's
# recommendation links to what minute 92 decided.
KENT_REPORT = 'kent_24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf'
KENT_MINUTES = 'kent_Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf'
KENT_RECOMMENDATION = 'the Commissioning Plan for Education Provision in Kent 2025-29'
# A 1960s typescript OCR reads poorly (confidence about 61): marked on the page as such.
POOR_SCAN = 'jfk_62-116395-2nd_nr_250x.pdf'
# A title with escaped markup and a bare '<' (normalisation drops real tags): the page must show
# these characters as they are, not as markup.
HOSTILE = ('To: Cabinet\nDate of meeting: 4 March 2025\n'
           'Subject: Fees &lt;img src=x onerror=alert(1)&gt; < 2026\n\n1. Introduction\n\n'
           '1.1 The fees schedule is reviewed each year.\n\n2. Recommendations\n\n'
           '2.1 Cabinet is asked to approve the fees schedule.\n')
HOSTILE_TITLE = 'Fees &lt;img src=x onerror=alert(1)&gt; < 2026'


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print('ok:', what)


def main():
    papers, corpus_dev, realcorpus = sys.argv[1:4]
    realcorpus = os.environ.get('PAPERS_REALCORPUS') or realcorpus  # as the C++ tests take it
    if not os.path.isdir(realcorpus):
        if os.environ.get('CI'):
            raise AssertionError(f'required folder missing under CI: {realcorpus}')
        print(f'SKIPPED (folder missing): {realcorpus}')
        return
    work = tempfile.mkdtemp(prefix='papers-browser-')
    server = driver = None
    try:
        with open(os.path.join(work, 'fees.txt'), 'w') as f:
            f.write(HOSTILE)
        archive = os.path.join(work, 'a.db')
        pdfs = sorted(glob.glob(os.path.join(corpus_dev, '*.pdf')))
        subprocess.run([papers, '--archive', archive, 'ingest', '--jobs', '2', *pdfs,
                        os.path.join(realcorpus, KENT), os.path.join(realcorpus, KENT_REPORT), os.path.join(realcorpus, KENT_MINUTES),
                        os.path.join(realcorpus, POOR_SCAN), os.path.join(work, 'fees.txt')],
                       check=True, stdout=subprocess.DEVNULL)

        server = subprocess.Popen([papers, '--archive', archive, 'serve', '--port', '0', '--quiet'],
                                  stdout=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        base = re.search(r'(http://127\.0\.0\.1:\d+)/', line)
        check(base is not None, f'server says where it listens: {line.strip()!r}')
        base = base.group(1)

        options = webdriver.ChromeOptions()
        options.binary_location = '/usr/bin/chromium'
        for a in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1200,900'):
            options.add_argument(a)
        driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        wait = WebDriverWait(driver, 15)

        # The front page: counts and the chart of recommendations per year per body.
        driver.get(base + '/')
        summary = wait.until(EC.visibility_of_element_located((By.ID, 'summary')))
        check(re.match(r'\d+ papers, \d+ recommendations and [1-9]\d* decisions', summary.text), f'overview counts: {summary.text!r}')
        bars = driver.find_elements(By.CSS_SELECTOR, '#chart rect')
        check(len(bars) > 5, f'chart has bars ({len(bars)})')
        check(any(b.get_attribute('data-body') == 'Cabinet' for b in bars), 'chart has a Cabinet series')

        # Search from the form.
        box = driver.find_element(By.ID, 'q')
        box.send_keys('"Commissioning Plan for Education Provision"')
        driver.find_element(By.ID, 'search-button').click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#hits li')))
        check('q=%22Commissioning' in driver.current_url, f'the search is in the address: {driver.current_url}')
        # The pack's cover letter names the item too; its record of decision is pages 3-5.
        hits = [h for h in driver.find_elements(By.CSS_SELECTOR, '#hits li') if KENT + '#pages=3-5' in h.find_element(By.CLASS_NAME, 'meta').text]
        check(len(hits) == 1, f'the pack\'s record of decision matches ({len(hits)})')
        marks = [m.text for m in hits[0].find_elements(By.TAG_NAME, 'mark')]
        check(any(m.lower() == 'commissioning plan for education provision' for m in marks), f'snippet marks the phrase: {marks}')

        meta = hits[0].find_element(By.CLASS_NAME, 'meta').text
        check(KENT in meta and '2025-01-30' in meta, f'under the title: its date and file name: {meta!r}')

        # Open the paper.
        hits[0].find_element(By.CLASS_NAME, 'hit-title').click()
        title = wait.until(EC.visibility_of_element_located((By.ID, 'paper-title')))
        paper_url = driver.current_url
        check(re.search(r'/papers/[0-9a-f]{64}$', paper_url), f'paper page address: {paper_url}')
        body = driver.find_element(By.CSS_SELECTOR, '[data-field=body]').text
        check(body.startswith('Cabinet'), f'paper page shows the body: {body!r}')
        recs = driver.find_elements(By.CSS_SELECTOR, '#recommendations li')
        check(len(recs) == 1 and KENT_RECOMMENDATION in recs[0].text, f'paper page lists the recommendation: {[r.text for r in recs]}')

        part_of = driver.find_element(By.ID, 'part-of')
        check(KENT in part_of.text and 'pages 3–5' in part_of.text, f'the part says which pack it is bound in: {part_of.text!r}')
        pack_url = part_of.find_element(By.TAG_NAME, 'a').get_attribute('href')

        # Follow the recommendation to its page of the original: page 3 of the pack.
        link = recs[0].find_element(By.CLASS_NAME, 'page-link')
        check(link.text == 'p. 3', f'recommendation links to its page: {link.text!r}')
        link.click()
        wait.until(lambda d: d.current_url != paper_url)
        original = driver.current_url
        check(original == pack_url + '/original#page=3', f'followed to page 3 of the original: {original}')
        with urllib.request.urlopen(original.split('#')[0]) as response:
            check(response.headers['Content-Type'] == 'application/pdf', 'the original is served as a PDF')
            pdf = response.read()
        with open(os.path.join(realcorpus, KENT), 'rb') as f:
            check(pdf == f.read(), 'the served bytes are the archived file')
        page3 = subprocess.run(['pdftotext', '-f', '3', '-l', '3', '-', '-'], input=pdf, capture_output=True).stdout
        check(b'Commissioning Plan for Education Provision in Kent 2025-29' in page3,
              'page 3 of the original holds the recommendation')

        # The pack lists the papers it binds.
        driver.get(pack_url)
        parts = wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, '#parts li')))
        check([p.text.split(':')[0] for p in parts] == ['Pages 1', 'Pages 2', 'Pages 3–5', 'Pages 6'], f'the pack lists its parts: {[p.text for p in parts]}')
        check(parts[2].find_elements(By.TAG_NAME, 'a'), 'and links each paper of them')
        parts[0].find_element(By.TAG_NAME, 'a').click()
        wait.until(EC.visibility_of_element_located((By.ID, 'part-of')))
        contacts = driver.find_elements(By.CSS_SELECTOR, '#contacts tbody tr')
        check(any('Georgina Little' in c.text for c in contacts), 'the cover letter, a paper of its own, lists its contact')

        # A recommendation followed to what the meeting did with it: the minute, then its page.
        driver.get(base + '/?q=%22Commissioning+Plan%22&in=recommendations')
        hit = next(h for h in wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, '#hits li')))
                   if KENT_REPORT in h.find_element(By.CLASS_NAME, 'meta').text)
        check('Agreed' in hit.find_element(By.CLASS_NAME, 'outcome-tag').text, 'the hit says the recommendation was agreed')
        hit.find_element(By.CLASS_NAME, 'hit-title').click()
        outcome = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#recommendations li .outcome')))
        check(outcome.text.startswith('Agreed, Cabinet 30 January 2025, minute 92 (p. 17)'), f'the outcome and its minute: {outcome.text!r}')
        page_href = outcome.find_element(By.CLASS_NAME, 'page-link').get_attribute('href')
        outcome.find_element(By.CLASS_NAME, 'minute-link').click()
        wait.until(EC.visibility_of_element_located((By.ID, 'paper-title')))
        decisions = driver.find_elements(By.CSS_SELECTOR, '#decisions li')
        answered = [d for d in decisions if d.find_elements(By.CLASS_NAME, 'outcome')]
        check(answered and 'Commissioning Plan for Education Provision in Kent 2025-29' in answered[-1].text and 'minute 92' in answered[-1].text,
              f'the minutes page shows the decision and what it answered: {[d.text for d in answered]}')
        check(page_href.endswith('/original#page=17'), f'the outcome links to page 17 of the minutes: {page_href}')
        with urllib.request.urlopen(page_href.split('#')[0]) as response:
            minutes_pdf = response.read()
        page17 = subprocess.run(['pdftotext', '-f', '17', '-l', '17', '-', '-'], input=minutes_pdf, capture_output=True).stdout
        check(b'RESOLVED that Cabinet agree the Commissioning Plan for Education' in page17, 'page 17 of the minutes holds the decision')
        without = driver.find_elements(By.ID, 'without-outcome')
        check(not without, 'the minutes page has no recommendations to list as without an outcome')

        # Archived text that looks like markup is shown as it is.
        driver.get(base + '/?q=fees')
        hit = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#hits li .hit-title')))
        check(hit.text == HOSTILE_TITLE, f'title shown as text: {hit.text!r}')
        check(not driver.find_elements(By.CSS_SELECTOR, '#hits img'), 'no element made from archived text')
        hit.click()
        title = wait.until(EC.visibility_of_element_located((By.ID, 'paper-title')))
        check(title.text == HOSTILE_TITLE, 'paper page title shown as text')

        # Filters from the form: recommendations of Cabinet papers only.
        driver.get(base + '/')
        wait.until(EC.visibility_of_element_located((By.ID, 'summary')))
        driver.find_element(By.ID, 'q').send_keys('approve')
        Select(driver.find_element(By.ID, 'in')).select_by_value('recommendations')
        driver.find_element(By.ID, 'body').send_keys('Cabinet')
        driver.find_element(By.ID, 'search-button').click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#hits li')))
        metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, '#hits li .meta')]
        check(metas and all(m.split(' · ')[1] == 'Cabinet' for m in metas), f'only Cabinet recommendations: {metas}')
        check(all(r.text.startswith('Recommendation') for r in driver.find_elements(By.CSS_SELECTOR, '#hits .rec-ref')),
              'recommendation hits name their number and page')

        # Decisions, apart from recommendations: what the 1994 parish minutes RESOLVED.
        driver.get(base + '/')
        wait.until(EC.visibility_of_element_located((By.ID, 'summary')))
        driver.find_element(By.ID, 'q').send_keys('precept')
        Select(driver.find_element(By.ID, 'in')).select_by_value('decisions')
        driver.find_element(By.ID, 'search-button').click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#hits li')))
        refs = [r.text for r in driver.find_elements(By.CSS_SELECTOR, '#hits .rec-ref')]
        check(refs and all(r.startswith('Decision') for r in refs), f'decision hits say so: {refs}')
        titles = [t.text for t in driver.find_elements(By.CSS_SELECTOR, '#hits .hit-title')]
        check(any('ASHCOMBE PARISH COUNCIL' in t for t in titles), f'the parish minutes are a hit: {titles}')
        hit = next(h for h in driver.find_elements(By.CSS_SELECTOR, '#hits .hit-title') if 'ASHCOMBE' in h.text)
        hit.click()
        wait.until(EC.visibility_of_element_located((By.ID, 'paper-title')))
        decided = [d.text for d in driver.find_elements(By.CSS_SELECTOR, '#decisions li')]
        check(any('THE PRECEPT FOR 1994/95 BE SET AT 4,250 POUNDS' in d for d in decided), f'paper page lists the decision: {decided}')
        check(not driver.find_elements(By.CSS_SELECTOR, '#recommendations li'), 'and no recommendation for it')

        # Browsing: every paper, newest first, its date, body and file under each title; other orders;
        # pages of a few.
        driver.get(base + '/')
        wait.until(EC.visibility_of_element_located((By.ID, 'summary')))
        driver.find_element(By.ID, 'browse-link').click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#papers li')))
        rows = driver.find_elements(By.CSS_SELECTOR, '#papers li')
        summary = driver.find_element(By.ID, 'summary').text
        total = len(pdfs) + 6  # the pack's two papers (its cover letter, its record of decision), the report, the minutes, the scan, fees.txt
        check(summary == f'Papers 1–50 of {total}.' and len(rows) == 50, f'a first page of 50 of all the papers: {summary!r}')
        check(driver.find_elements(By.LINK_TEXT, 'next →'), 'and a next page')
        metas = [r.find_element(By.CLASS_NAME, 'meta').text for r in rows]
        dates = [m.split(' · ')[0] for m in metas]
        dated = [d for d in dates if d != 'undated']
        check(dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated, f'newest first, undated last: {dates}')
        check(all(re.search(r'\.(pdf|txt)(#pages=\d+-\d+)?$', m.split(' · ')[2]) for m in metas), 'each row names its file (a pack\'s part, its pages)')
        driver.find_element(By.LINK_TEXT, 'by body').click()
        wait.until(lambda d: 'sort=body' in d.current_url)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#sorts strong')))
        check(driver.find_element(By.CSS_SELECTOR, '#sorts strong').text == 'by body', 'ordered by body')
        bodies = [r.find_element(By.CLASS_NAME, 'meta').text.split(' · ')[1] for r in driver.find_elements(By.CSS_SELECTOR, '#papers li')]
        known = [b for b in bodies if b != 'body unknown']
        check(known == sorted(known, key=str.lower), f'bodies in order: {known}')
        driver.get(base + '/browse?limit=5')
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#papers li')))
        check(len(driver.find_elements(By.CSS_SELECTOR, '#papers li')) == 5, 'a page of five')
        driver.find_element(By.LINK_TEXT, 'next →').click()
        wait.until(lambda d: 'offset=5' in d.current_url)
        summary = wait.until(EC.visibility_of_element_located((By.ID, 'summary'))).text
        check(summary.startswith('Papers 6–10 of'), f'the next page: {summary!r}')

        # A paper OCR read poorly is marked so in lists and on its page.
        driver.get(base + '/browse?sort=archived&limit=100')
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#papers li')))
        poor = [r for r in driver.find_elements(By.CSS_SELECTOR, '#papers li') if POOR_SCAN in r.text]
        check(len(poor) == 1 and poor[0].find_elements(By.CLASS_NAME, 'low-confidence'), 'the poor scan is marked in the list')
        check(sum(1 for r in driver.find_elements(By.CSS_SELECTOR, '#papers li .low-confidence')) == 1, 'and no other paper is')
        poor[0].find_element(By.CLASS_NAME, 'hit-title').click()
        note = wait.until(EC.visibility_of_element_located((By.ID, 'low-confidence')))
        check('poorly' in note.text and 'confidence' in note.text, f'its page says so: {note.text!r}')

        # A phone's screen (400 px): nothing wider than it, the filters folded away, a hit on the first screen.
        driver.set_window_size(400, 800)
        driver.get(base + '/?q=approve')
        first = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#hits li')))
        width = driver.execute_script('return document.documentElement.scrollWidth')
        inner = driver.execute_script('return window.innerWidth')
        check(width <= inner, f'no sideways scrolling at {inner} px ({width})')
        check(driver.find_element(By.ID, 'filters-box').get_attribute('open') is None, 'filters folded away on a phone')
        top = driver.execute_script('return arguments[0].getBoundingClientRect().top', first)
        check(top < driver.execute_script('return window.innerHeight'), f'the first hit is on the first screen (top {top})')
        driver.set_window_size(1200, 900)

        # A malformed query: the reason, not a broken page.
        driver.get(base + '/?q=precept%20AND')
        error = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.error')))
        check('cannot read the query' in error.text, f'malformed query explained: {error.text!r}')

        severe = [e for e in driver.get_log('browser') if e['level'] == 'SEVERE' and '400' not in e['message']]
        check(not severe, f'no script errors in the browser console: {severe}')
        print('browser test: all checks passed')
    finally:
        if driver:
            driver.quit()
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
