/**
 * Ordinary English prose that a grammar host lints once to warm harper up (warm-up.ts). It is
 * written for this purpose, not taken from a test or benchmark corpus, so that warming cannot
 * favour the texts those measure: what it warms is harper's code and memory, which any text
 * does. Markdown, as the documents the task checks are.
 */
export const WARM_UP_TEXT = `# A letter to a new writer

Thank you for your note last week. You asked how I keep going when a long piece of writing stalls, and I have been thinking about it on my walks to the station ever since. The honest answer is that I do not wait for the mood to arrive. I set a small goal for each morning, such as one page or a single scene, and I stop as soon as I reach it, even when the words are flowing. Stopping early means I know exactly where to begin the next day.

Most of the work happens before I sit down. While I cook dinner or wash the dishes, I turn the next paragraph over in my mind until I can hear its first sentence. By the time I open the laptop, the hard part is already done, and typing it out feels more like copying than inventing.

## On drafts and revisions

Your first draft is allowed to be clumsy. Nobody will ever read it but you, so there is no reason to polish a sentence that may not survive the week. When I revise, I print the pages and read them aloud in a quiet room. The ear catches what the eye forgives: a phrase that repeats, a sentence that runs out of breath, a joke that lands a beat too late.

After that, I cut. A good rule is to remove one word from every line and see whether the line still stands. It usually does, and it is often stronger. Adjectives and adverbs are the first to go, because a precise noun or a vivid verb does their work better. Then I look at the paragraph as a whole and ask whether it earns its place.

It also helps to leave a draft alone for a few days. When you come back to it, you will read what is actually on the page rather than what you meant to write. The gaps become obvious, and so do the parts that are already good enough.

## Habits that help

- Keep a notebook in your bag and write down overheard lines, the names of streets, the colour of the sky before a storm.
- Read widely, and read outside your field. A history of bridges or a book about bees can teach you more about structure than another novel.
- Write at the same time each day if you can. The habit does the remembering for you.
- Tell a friend what you plan to finish this month, and ask them to check on you.
- Back up your files in two places. Losing a chapter to a broken disk is a lesson nobody needs twice.

## When it goes wrong

Some weeks nothing works. The characters refuse to speak, the plot seems thin, and every sentence looks like someone else's. When that happens, I change something small: I write by hand instead of on the screen, I move to the kitchen table, or I work on a different chapter for a while. Often the problem is not the writing at all but tiredness, hunger or worry, and a long walk or an early night fixes more than any technique.

Criticism can hurt, especially the first time a stranger reads your work. Try to separate the reader's reaction from their suggested cure. If three people stumble at the same place, something there needs attention, even if none of their proposed changes is right. Listen for the problem, then find your own solution.

## A few practical questions

You asked whether you should outline. Some writers plan every chapter before they start, and others discover the story as they go. I do a little of both: I know where I am heading and a few of the stops along the way, but I leave room for surprises. If a minor character suddenly becomes interesting, I follow them for a page or two and see what happens.

You also asked about money. Most writers I know have another job, at least for the first years, and there is no shame in that. A steady income can protect the writing from the pressure to sell before it is ready. Teaching, editing, translation and technical writing all use the same muscles, and each of them will make you a better reader of your own work.

Finally, be patient with yourself. It took me four years to finish my first book and two more to find a publisher who believed in it. Every finished draft, even the ones that stay in a drawer, teaches you something the next one will need. Write the next page tomorrow morning, and then the one after that.

With warm wishes, and I look forward to reading whatever you send next,

Your friend
`;
